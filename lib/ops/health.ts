// Liveness and readiness for load balancers and process managers. Ready means: not shutting down, the
// runtime has started, and every part it depends on answers (the store; in the Redis layout also the
// queue, notification and worker connections). Nothing is stored, and the body names only the parts.
import type { Redis } from 'ioredis';
import { isDraining } from './drain-state';

export interface ReadinessCheck {
  /** The part, as the 503 body names it: "store", "queue" … */
  name: string;
  /** Resolves when the part answers; rejects (or hangs past the timeout) when it does not. */
  check(): Promise<void>;
}

/** A check must answer within this, so a hung part turns ready to 503 quickly. */
export const CHECK_TIMEOUT_MS = 1000;

type CheckOutcome = 'ok' | 'not answering';

export interface ReadinessReport {
  status: 'ready' | 'not ready' | 'shutting down' | 'starting';
  checks: Record<string, CheckOutcome>;
}

/** An ioredis connection counts as up only while connected; BullMQ and the notifier wait otherwise. */
export function redisConnectionCheck(name: string, connection: Redis | Promise<Redis>): ReadinessCheck {
  return {
    name,
    async check() {
      const redis = await connection;
      if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
    },
  };
}

function withinTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(
  runtime: () => Promise<{ readinessChecks: readonly ReadinessCheck[] }>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<ReadinessReport> {
  if (isDraining()) return { status: 'shutting down', checks: {} };
  const started = await withinTimeout(runtime(), timeoutMs).catch(() => undefined);
  if (!started) return { status: 'starting', checks: {} };
  const outcomes = await Promise.all(
    started.readinessChecks.map(async ({ name, check }) => {
      const outcome: CheckOutcome = await withinTimeout(check(), timeoutMs).then(
        () => 'ok',
        () => 'not answering',
      );
      return [name, outcome] as const;
    }),
  );
  const checks = Object.fromEntries(outcomes);
  return { status: outcomes.every(([, outcome]) => outcome === 'ok') ? 'ready' : 'not ready', checks };
}

/** The report as HTTP: 200 when ready, otherwise 503 with a sentence naming what fails. */
export function readinessResponse(report: ReadinessReport): Response {
  const headers = { 'cache-control': 'no-store' };
  if (report.status === 'ready') return Response.json(report, { headers });
  const failing = Object.entries(report.checks).filter(([, outcome]) => outcome !== 'ok');
  const message =
    report.status === 'shutting down'
      ? 'Not ready: this server is shutting down'
      : report.status === 'starting'
        ? 'Not ready: this server is still starting'
        : `Not ready: ${failing.map(([name, outcome]) => `${name} ${outcome}`).join(', ')}`;
  return Response.json({ ...report, message, code: 'SERVICE_UNAVAILABLE' }, { status: 503, headers });
}
