// The embedded backend (the default, REDIS_URL unset): runs and events in one SQLite file under
// DATA_DIR, notifications and the queue inside the server process. Nothing to install or run beside it.
import path from 'node:path';
import type { AppConfig } from '../../config';
import { assertFreeDiskSpace } from '../../runs/disk-space';
import { executeRun } from '../../runs/executor';
import { MemoryChannelBus } from '../../store/memory-bus';
import type { Backend } from '../types';
import { SqliteExperimentStore } from './experiment-store';
import { LocalRunQueue } from './local-queue';
import { recoverAfterRestart } from './recovery';
import { SqliteRunStore } from './sqlite-store';

export async function createBackend(config: AppConfig): Promise<Backend> {
  const file = path.resolve(config.DATA_DIR, 'dispatch.sqlite');
  const store = new SqliteRunStore(file);
  const bus = new MemoryChannelBus();
  const queue = new LocalRunQueue(
    (channelId, signal) => executeRun(channelId, signal, { store, bus, config }),
    config.MAX_CONCURRENT_RUNS,
    config.MAX_QUEUED_RUNS,
  );
  return {
    store,
    bus,
    queue,
    recover: () => recoverAfterRestart({ store, bus, queue }),
    openExperimentStore: () => new SqliteExperimentStore(file),
    beforeDispatch: () => assertFreeDiskSpace(config.DATA_DIR, config.MIN_FREE_DISK_MB),
    async close() {
      await queue.close();
      await bus.close();
      await store.close();
    },
  };
}
