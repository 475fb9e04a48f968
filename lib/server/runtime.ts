// The process-wide wiring of store, bus, queue and service. Kept on globalThis because Next bundles
// route handlers separately: a module-level singleton would exist once per route.
import { getConfig, type AppConfig } from '../config';
import { holdDataDirLock, sqliteFileIn } from '../ops/data-dir';
import type { RunExecution } from '../ops/graceful-drain';
import type { ReadinessCheck } from '../ops/health';
import { getLogger } from '../ops/logger';
import { executeLoggedRun } from '../ops/run-log';
import { LocalRunQueue, type RunQueue } from '../runs/queue';
import { RunService } from '../runs/service';
import { MemoryChannelBus } from '../store/memory-bus';
import { SqliteRunStore } from '../store/sqlite';
import type { ChannelBus, RunStore } from '../store/types';

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
  const releaseDataDir = holdDataDirLock(config.DATA_DIR);
  const store = new SqliteRunStore(sqliteFileIn(config.DATA_DIR));
  const bus = new MemoryChannelBus();
  const queue: LocalRunQueue = new LocalRunQueue(
    (channelId, signal) => executeLoggedRun(channelId, signal, { store, bus, config }),
    config.MAX_CONCURRENT_RUNS,
    config.MAX_QUEUED_RUNS,
    (channelId) => service.endQueuedRunAsCancelled(channelId),
  );
  const service = new RunService({ store, bus, queue, config });
  const failed = await service.failInterruptedRuns();
  if (failed.length > 0) getLogger().warn({ channelIds: failed }, 'marked interrupted runs failed');
  await service.requeueWaitingRuns();
  return {
    config,
    store,
    bus,
    queue,
    service,
    readinessChecks: [{ name: 'store', check: () => store.ping() }],
    runExecution: queue,
    async close() {
      await queue.close();
      await bus.close();
      await store.close();
      releaseDataDir();
    },
  };
}

async function createRuntime(config: AppConfig): Promise<Runtime> {
  const runtime = config.REDIS_URL
    ? await (await import('./redis-runtime')).createRedisRuntime(config)
    : await createEmbeddedRuntime(config);
  const sweep = () =>
    runtime.service
      .deleteExpiredRuns()
      .catch((error) => getLogger().error({ err: error }, 'retention sweep failed'));
  void sweep();
  setInterval(sweep, sweepIntervalMs(config.RETENTION_DAYS)).unref();
  return runtime;
}
