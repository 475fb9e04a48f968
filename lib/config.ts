// Environment configuration, validated once: a bad value stops the process with a sentence naming the variable.
import { z } from 'zod';

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
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]*$/, 'Use letters, digits, _ . : or - only').default('ds:'),
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
  MAX_CONCURRENT_RUNS: positiveInt(8),
  MAX_QUEUED_RUNS: positiveInt(1000),
  MAX_BODY_BYTES: positiveInt(1024 * 1024),
  RETENTION_DAYS: z.coerce.number().positive().default(7),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment variable ${problems.join('; ')}`);
  }
  return parsed.data;
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
