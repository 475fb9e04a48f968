// The embedded backend (the default, REDIS_URL unset): runs and events in one SQLite file under
// DATA_DIR, notifications and the queue inside the server process. Nothing to install or run beside it.
import path from 'node:path';
import type { AppConfig } from '../../config';
import { executeRun } from '../../runs/executor';
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
    config.MAX_CONCURRENT_RUNS,
    config.MAX_QUEUED_RUNS,
  );
  return {
    store,
    bus,
    queue,
    recover: () => recoverAfterRestart({ store, bus, queue }),
    async close() {
      await queue.close();
      await bus.close();
      await store.close();
    },
  };
}
