// Environment configuration, validated once: a bad value stops the process with a sentence naming the variable.
import { z } from 'zod';
import { REQUEST_DEFAULTS } from './request-defaults';

/** Standard Webhooks signing secret: `whsec_` followed by base64 (at least 24 bytes). */
export const WEBHOOK_SECRET_FORM = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

export { REQUEST_DEFAULTS };

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const envSchema = z.object({
  PORT: positiveInt(3000),
  HOST: optionalString,
  DATA_DIR: z.string().default('.data'),
  API_SECRET: optionalString,
  SESSION_SECRET: optionalString,
  /** Key for share-link signatures; when unset one is generated and kept under DATA_DIR or in Redis. */
  SHARE_SECRET: optionalString.refine((value) => value === undefined || value.length >= 32, {
    message: 'Use at least 32 characters',
  }),
  REDIS_URL: optionalString,
  /** Every Redis key (and BullMQ's) starts with this, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]*$/, 'Use letters, digits, _ . : or - only')
    .default('ds:'),
  /** How long a worker holds a run before another worker may treat it as lost (BullMQ lock). */
  WORKER_LOCK_MS: positiveInt(30_000),
  RUN_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  ENGINE: z.enum(['local', 'openai', 'chatbotkit']).default('local'),
  LOCAL_TOKEN_DELAY_MS: nonNegativeInt(15),
  OPENAI_BASE_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  CHATBOTKIT_API_KEY: optionalString,
  CHATBOTKIT_BASE_URL: optionalString,
  UPSTREAM_TIMEOUT_MS: positiveInt(60_000),
  CHANNEL_WAIT_TIMEOUT_MS: positiveInt(10 * 60_000),
  /** How long a published function result that no run has taken yet is kept (then dropped unseen). */
  PUBLISH_MESSAGE_TTL_MS: positiveInt(60 * 60_000),
  /** Unset: chosen by ENGINE (DEFAULT_CONCURRENT_RUNS below). */
  MAX_CONCURRENT_RUNS: z.coerce.number().int().positive().optional(),
  MAX_QUEUED_RUNS: positiveInt(1000),
  MAX_BODY_BYTES: positiveInt(1024 * 1024),
  /** Runs of one owner executing at once (on Redis across workers); unset: half of MAX_CONCURRENT_RUNS with several secrets, else no cap. */
  MAX_RUNS_PER_OWNER: z.coerce.number().int().positive().optional(),
  /** Extra Host names the server answers to (comma-separated), beside the bound address and loopback names. */
  ALLOWED_HOSTS: optionalString.refine(
    (value) => value === undefined || value.split(',').every((name) => /^(\*|\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d+)?$/.test(name.trim())),
    'Use host names or addresses separated by commas (a port is allowed; * allows any)',
  ),
  /** Whether X-Forwarded-For names the client (only behind a proxy that sets it). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  RETENTION_DAYS: z.coerce.number().positive().default(7),
  /** Stored event bytes one run may write; past it the run ends with an error event. */
  MAX_RUN_EVENT_BYTES: positiveInt(64 * 1024 * 1024),
  /** Dispatch answers 507 while the file system under DATA_DIR has less free space than this (0 = off). */
  MIN_FREE_DISK_MB: nonNegativeInt(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** On SIGTERM, how long running runs may go on before they are ended as failed. */
  SHUTDOWN_GRACE_MS: nonNegativeInt(30_000),
  /** One or more http(s) URLs, comma-separated, that receive run.* webhooks (lib/webhooks). */
  WEBHOOK_URL: optionalString.pipe(
    z
      .string()
      .optional()
      .transform((value) =>
        value
          ? value
              .split(',')
              .map((url) => url.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'Use http(s) URLs, comma-separated' }))),
  ),
  /** Standard Webhooks signing secret: `whsec_` followed by base64 (at least 24 bytes). */
  WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(
        WEBHOOK_SECRET_FORM,
        'Use the Standard Webhooks form whsec_<base64>, at least 24 bytes',
      )
      .optional(),
  ),
  /** First retry delay of a failed webhook delivery; each next one doubles. */
  WEBHOOK_RETRY_BASE_MS: positiveInt(5000),
  /** A Bearer token for GET /api/metrics besides the API secrets (for a scraper that holds no API secret). */
  METRICS_TOKEN: optionalString,
  /** `npm run worker` only: serve GET /metrics on this port (a worker has no web server otherwise). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

/**
 * MAX_CONCURRENT_RUNS when unset, by the default engine. A remote engine's run mostly waits for its
 * upstream (I/O-bound: a process holds a thousand paced runs, see bench/RESULTS.md); the local engine
 * makes its tokens, retrieval and function calls on this machine's CPU (CPU-bound: more runs at once
 * than the cores keep up with only slow every run and the pages down).
 */
export const DEFAULT_CONCURRENT_RUNS = { local: 100, openai: 1000, chatbotkit: 1000 } as const;

export type AppConfig = Omit<z.infer<typeof envSchema>, 'MAX_CONCURRENT_RUNS'> & { MAX_CONCURRENT_RUNS: number };

export class ConfigError extends Error {}

const configSchema = envSchema
  .superRefine((config, context) => {
    if (config.WEBHOOK_URL.length > 0 && !config.WEBHOOK_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'Set it (whsec_<base64>) when WEBHOOK_URL is set: every webhook is signed',
      });
    }
  })
  .transform(
    (config): AppConfig => ({
      ...config,
      MAX_CONCURRENT_RUNS: config.MAX_CONCURRENT_RUNS ?? DEFAULT_CONCURRENT_RUNS[config.ENGINE],
    }),
  );

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment variable ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The address the server listens on: HOST, else 127.0.0.1 without API_SECRET (an open server stays on this
 * machine) and every interface with it. It also names the server's own Host (lib/http/request-origin.ts).
 */
export function bindAddress(config: Pick<AppConfig, 'HOST' | 'API_SECRET'>): string {
  return config.HOST ?? (config.API_SECRET ? '0.0.0.0' : '127.0.0.1');
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
