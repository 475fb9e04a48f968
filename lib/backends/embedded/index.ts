// The embedded backend (the default, REDIS_URL unset): runs and events in one SQLite file under
// DATA_DIR, notifications and the queue inside the server process. Nothing to install or run beside it.
import type { AppConfig } from '../../config';
import { holdDataDirLock, sqliteFileIn } from '../../ops/data-dir';
import { executeLoggedRun } from '../../ops/run-log';
import { assertFreeDiskSpace } from '../../runs/disk-space';
import { slotLimits } from '../../runs/fair-slots';
import { MemoryChannelBus } from '../../store/memory-bus';
import type { Backend } from '../types';
import { SqliteExperimentStore } from './experiment-store';
import { LocalRunQueue } from './local-queue';
import { recoverAfterRestart } from './recovery';
import { SqliteRunStore } from './sqlite-store';
import { SqliteWebhookOutbox } from './webhook-outbox';

export async function createBackend(config: AppConfig): Promise<Backend> {
  const releaseDataDir = holdDataDirLock(config.DATA_DIR);
  const file = sqliteFileIn(config.DATA_DIR);
  const store = new SqliteRunStore(file);
  const outbox = new SqliteWebhookOutbox(file, store);
  const bus = new MemoryChannelBus();
  const queue = new LocalRunQueue(
    (channelId, signal, slot) => executeLoggedRun(channelId, signal, { store, bus, config }, { slot }),
    slotLimits(config),
    config.MAX_QUEUED_RUNS,
  );
  return {
    store,
    bus,
    queue,
    outbox,
    recover: () => recoverAfterRestart({ store, bus, queue }),
    openExperimentStore: () => new SqliteExperimentStore(file),
    beforeDispatch: () => assertFreeDiskSpace(config.DATA_DIR, config.MIN_FREE_DISK_MB),
    inProcessExecution: queue,
    readinessChecks: [{ name: 'store', check: () => store.ping() }],
    async close() {
      await queue.close();
      await outbox.close();
      await bus.close();
      await store.close();
      releaseDataDir();
    },
  };
}
