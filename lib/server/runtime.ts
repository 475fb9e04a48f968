// The process-wide wiring: the configured backend (store, bus, queue, recovery, worker) and the
// service over it. Kept on globalThis because Next bundles route handlers separately: a module-level
// singleton would exist once per route. The dispatch path per backend is drawn in docs/architecture.md.
import type { Backend } from '../backends/types';
import { getConfig, type AppConfig } from '../config';
import type { RunExecution } from '../ops/graceful-drain';
import type { ReadinessCheck } from '../ops/health';
import { getLogger } from '../ops/logger';
import type { ExperimentStore } from '../experiments/store';
import type { RunQueue } from '../runs/queue';
import { RunService } from '../runs/service';
import type { ChannelBus, RunStore } from '../store/types';
import { labelProcessRole, measureQueueDepth, measureQueueWorkers } from '../metrics/registry';
import { startWebhooksIfConfigured } from '../webhooks/dispatcher';
import type { WebhookOutbox } from '../webhooks/outbox';

export interface Runtime {
  config: AppConfig;
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  service: RunService;
  /** What must answer for this process to be ready (GET /api/health/ready). */
  readinessChecks: readonly ReadinessCheck[];
  /** Where runs execute in this process, for the graceful drain (none for a web process with RUN_WORKER=false). */
  runExecution?: RunExecution;
  /** Webhook deliveries (listed on each run's page, sent when WEBHOOK_URL is set). */
  outbox: WebhookOutbox;
  /** The backend's experiment store (lib/experiments builds on it). */
  openExperimentStore(): ExperimentStore;
  close(): Promise<void>;
}

const RUNTIME_KEY = Symbol.for('dispatch-studio.runtime');
const HOUR_MS = 60 * 60 * 1000;
/** Sweep hourly, or more often when the retention itself is short (tests use seconds). */
const sweepIntervalMs = (retentionDays: number) =>
  Math.min(HOUR_MS, Math.max(1000, (retentionDays * 24 * HOUR_MS) / 4));

type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as GlobalWithRuntime;
  holder[RUNTIME_KEY] ??= createRuntime(getConfig());
  return holder[RUNTIME_KEY];
}

/** Loaded on demand, so an embedded install never loads ioredis and BullMQ. */
async function openBackend(config: AppConfig): Promise<Backend> {
  const { createBackend } = config.REDIS_URL
    ? await import('../backends/redis')
    : await import('../backends/embedded');
  return createBackend(config);
}

async function createRuntime(config: AppConfig): Promise<Runtime> {
  const backend = await openBackend(config);
  const { store, bus, queue } = backend;
  const service = new RunService({ store, bus, queue, config, beforeDispatch: backend.beforeDispatch });
  await backend.recover();
  const worker = config.RUN_WORKER ? backend.startWorker?.() : undefined;
  if (config.REDIS_URL) {
    getLogger().info(
      { prefix: config.REDIS_KEY_PREFIX, runWorker: worker !== undefined },
      'Redis backend connected',
    );
  }
  // Every process runs the delivery loop; the outbox's leases let exactly one of them send each attempt.
  const webhooks = startWebhooksIfConfigured(config, backend.outbox);
  labelProcessRole(config.REDIS_URL ? (worker ? 'web+worker' : 'web') : 'embedded');
  measureQueueDepth(() => queue.depth());
  if (config.REDIS_URL) measureQueueWorkers(() => queue.workers());
  const retentionMs = config.RETENTION_DAYS * 24 * HOUR_MS;
  const sweep = () =>
    Promise.all([
      service.deleteExpiredRuns(),
      backend.outbox.deleteAttemptsBefore(Date.now() - retentionMs),
    ]).catch((error) => getLogger().error({ err: error }, 'retention sweep failed'));
  void sweep();
  setInterval(sweep, sweepIntervalMs(config.RETENTION_DAYS)).unref();
  return {
    config,
    store,
    bus,
    queue,
    service,
    readinessChecks: [...backend.readinessChecks, ...(worker?.readiness ? [worker.readiness] : [])],
    runExecution: worker ?? backend.inProcessExecution,
    outbox: backend.outbox,
    openExperimentStore: () => backend.openExperimentStore(),
    async close() {
      await webhooks?.stop();
      await worker?.close();
      await backend.close();
    },
  };
}
