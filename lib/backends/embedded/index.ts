// The embedded backend (the default, REDIS_URL unset): runs and events in one SQLite file under
// DATA_DIR, notifications and the queue inside the server process. Nothing to install or run beside it.
import path from 'node:path';
import type { AppConfig } from '../../config';
import { assertFreeDiskSpace } from '../../runs/disk-space';
import { executeRun } from '../../runs/executor';
import { slotLimits } from '../../runs/fair-slots';
import { MemoryChannelBus } from '../../store/memory-bus';
import type { Backend } from '../types';
import { LocalRunQueue } from './local-queue';
import { recoverAfterRestart } from './recovery';
import { SqliteRunStore } from './sqlite-store';

export async function createBackend(config: AppConfig): Promise<Backend> {
  const store = new SqliteRunStore(path.resolve(config.DATA_DIR, 'dispatch.sqlite'));
  const bus = new MemoryChannelBus();
  const queue = new LocalRunQueue(
    (channelId, signal) => executeRun(channelId, signal, { store, bus, config }),
    slotLimits(config),
    config.MAX_QUEUED_RUNS,
  );
  return {
    store,
    bus,
    queue,
    recover: () => recoverAfterRestart({ store, bus, queue }),
    beforeDispatch: () => assertFreeDiskSpace(config.DATA_DIR, config.MIN_FREE_DISK_MB),
    async close() {
      await queue.close();
      await bus.close();
      await store.close();
    },
  };
}
