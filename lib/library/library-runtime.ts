// The process's library store, on the backend the configuration picks. Kept on globalThis for the same
// reason as the runtime (Next bundles route handlers separately) and beside it rather than inside it,
// so the library stays an addition to the backends, not a change to their wiring.
import path from 'node:path';
import type { AppConfig } from '../config';
import type { LibraryStore } from './schema';

const LIBRARY_KEY = Symbol.for('dispatch-studio.library');
type GlobalWithLibrary = typeof globalThis & { [LIBRARY_KEY]?: Promise<LibraryStore> };

async function createLibraryStore(config: AppConfig): Promise<LibraryStore> {
  if (config.REDIS_URL) {
    const [{ connectRedis }, { RedisLibraryStore }] = await Promise.all([
      import('../backends/redis/connection'),
      import('./redis-library-store'),
    ]);
    return new RedisLibraryStore(
      connectRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX, 'commands'),
      config.REDIS_KEY_PREFIX,
    );
  }
  const { SqliteLibraryStore } = await import('./sqlite-library-store');
  return new SqliteLibraryStore(path.resolve(config.DATA_DIR, 'dispatch.sqlite'));
}

export function getLibraryStore(config: AppConfig): Promise<LibraryStore> {
  const holder = globalThis as GlobalWithLibrary;
  holder[LIBRARY_KEY] ??= createLibraryStore(config);
  return holder[LIBRARY_KEY];
}
