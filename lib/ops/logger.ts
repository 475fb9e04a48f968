// The one logger of every process (web, worker, scripts), built on pino: JSON lines by default, readable
// text under `next dev`. Lines logged while a request or a run is handled carry its reqId / channelId
// (kept in AsyncLocalStorage), and every line passes the secret scrubber before it is written.
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { getConfig, type AppConfig } from '../config';
import { logLineScrubber, serverSecrets } from '../secrets/server-secrets';
import { LinesPerTurn } from './lines-per-turn';

export type { Logger } from 'pino';

export interface LogContext {
  reqId?: string;
  channelId?: string;
  /** Which layer served an API request (lib/http/api-route.ts). */
  layer?: string;
}

export type ProcessRole = 'web' | 'worker' | 'script';

// Next bundles route handlers, the proxy and instrumentation separately: one logger and one context
// store per process, kept on globalThis, so every bundle writes the same lines with the same context.
const HOLDER_KEY = Symbol.for('dispatch-studio.logger');
interface Holder {
  context: AsyncLocalStorage<LogContext>;
  logger?: Logger;
  role: ProcessRole;
}

function holder(): Holder {
  const global = globalThis as typeof globalThis & { [HOLDER_KEY]?: Holder };
  global[HOLDER_KEY] ??= { context: new AsyncLocalStorage<LogContext>(), role: 'web' };
  return global[HOLDER_KEY];
}

export interface LoggerOptions {
  level: AppConfig['LOG_LEVEL'];
  secrets: readonly string[];
  role: ProcessRole;
  /** Human-readable lines (pino-pretty, a dev dependency) instead of JSON. */
  pretty: boolean;
  /** Where JSON lines go (tests); stdout by default. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions, context = holder().context): Logger {
  const scrub = logLineScrubber(options.secrets);
  return pino(
    {
      level: options.level,
      base: { role: options.role, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // pino-pretty reads numeric levels; JSON lines say "info", "error" … for people and log shippers.
      formatters: options.pretty ? {} : { level: (label) => ({ level: label }) },
      mixin: () => ({ ...context.getStore() }),
      hooks: { streamWrite: scrub },
      ...(options.pretty && !options.destination
        ? {
            transport: {
              target: 'pino-pretty',
              options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
    options.destination ?? (options.pretty ? undefined : stdoutLines()),
  );
}

/**
 * JSON lines are written to stdout synchronously, as Node writes process.stdout to a pipe or file on
 * Linux. pino's default hands every line to the libuv thread pool instead: about 17 µs of CPU a line
 * against 2.5 µs, on the path of every request (a run logs four lines), and a thread to wake on a
 * 2-core machine that is already busy. The lines of one turn are written together, after its answers
 * (lines-per-turn.ts).
 */
const stdoutLines = () => new LinesPerTurn(pino.destination({ dest: 1, sync: true }));

/** Sets the role written on every line of this process (before the first line). */
export function setProcessRole(role: ProcessRole): void {
  holder().role = role;
}

/** The process's logger, configured from the validated environment on first use. */
export function getLogger(): Logger {
  const state = holder();
  if (!state.logger) {
    const config = getConfig();
    state.logger = createLogger({
      level: config.LOG_LEVEL,
      secrets: serverSecrets(config),
      role: state.role,
      pretty: process.env.NODE_ENV === 'development',
    });
  }
  return state.logger;
}

/**
 * Runs `fn` with `context` on every line it logs. A run gets a fresh context: it may start inside the
 * dispatch request that queued it, but it outlives that request and is not part of it.
 */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return holder().context.run({ ...context }, fn);
}

/** Adds to the context of the request or run being handled (e.g. the channelId a dispatch created). */
export function addLogContext(context: LogContext): void {
  const current = holder().context.getStore();
  if (current) Object.assign(current, context);
}

/**
 * Logs an info line on the next turn of the event loop, in the context of now: for the lines made on
 * the way to an answer (a request's own line, a dispatch's "run queued"), whose formatting would
 * otherwise hold the answer back by some 20–40 µs each on a small machine.
 */
export function logInfoAfterAnswer(
  fields: Record<string, unknown>,
  message: string,
  logger: Logger = getLogger(),
): void {
  // An immediate keeps the async context it was created in, so the line carries this request's ids.
  setImmediate(() => logger.info(fields, message));
}
