// The process-wide wiring of store, bus, queue and service. Kept on globalThis because Next bundles
// route handlers separately: a module-level singleton would exist once per route.
import path from 'node:path';
import { getConfig, type AppConfig } from '../config';
import { executeRun } from '../runs/executor';
import { LocalRunQueue, type RunQueue } from '../runs/queue';
import { RunService } from '../runs/service';
import { MemoryChannelBus } from '../store/memory-bus';
import { SqliteRunStore } from '../store/sqlite';
import type { ChannelBus, RunStore } from '../store/types';
import { labelProcessRole, measureQueueDepth } from '../metrics/registry';
import { startWebhooksIfConfigured } from '../webhooks/dispatcher';
import type { WebhookOutbox } from '../webhooks/outbox';
import { SqliteWebhookOutbox } from '../webhooks/sqlite-outbox';

export interface Runtime {
  config: AppConfig;
  store: RunStore;
  bus: ChannelBus;
  queue: RunQueue;
  service: RunService;
  /** Webhook deliveries (listed on each run's page, sent when WEBHOOK_URL is set). */
  outbox: WebhookOutbox;
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

async function createEmbeddedRuntime(config: AppConfig): Promise<Runtime> {
  const file = path.resolve(config.DATA_DIR, 'dispatch.sqlite');
  const store = new SqliteRunStore(file);
  const bus = new MemoryChannelBus();
  const queue: LocalRunQueue = new LocalRunQueue(
    (channelId, signal) => executeRun(channelId, signal, { store, bus, config }),
    config.MAX_CONCURRENT_RUNS,
    config.MAX_QUEUED_RUNS,
    (channelId) => service.endQueuedRunAsCancelled(channelId),
  );
  const service = new RunService({ store, bus, queue, config });
  const failed = await service.failInterruptedRuns();
  if (failed.length > 0) console.log(`[runtime] marked ${failed.length} interrupted run(s) failed`);
  await service.requeueWaitingRuns();
  const outbox = new SqliteWebhookOutbox(file, store);
  const webhooks = startWebhooksIfConfigured(config, outbox);
  labelProcessRole('embedded');
  measureQueueDepth(async () => (await queue.counts()).queued);
  return {
    config,
    store,
    bus,
    queue,
    service,
    outbox,
    async close() {
      await webhooks?.stop();
      await outbox.close();
      await queue.close();
      await bus.close();
      await store.close();
    },
  };
}

async function createRuntime(config: AppConfig): Promise<Runtime> {
  const runtime = config.REDIS_URL
    ? await (await import('./redis-runtime')).createRedisRuntime(config)
    : await createEmbeddedRuntime(config);
  const sweep = () =>
    runtime.service.deleteExpiredRuns().catch((error) => console.error('[retention]', error));
  void sweep();
  setInterval(sweep, sweepIntervalMs(config.RETENTION_DAYS)).unref();
  return runtime;
}
