// The RunStore implementations every store contract runs against, built directly (no server): a fresh
// SQLite file per store, and Redis under a key prefix of its own that `dropAll` removes afterwards.
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisKeys } from '@/lib/backends/redis/keys';
import { RedisRunStore } from '@/lib/backends/redis/store';
import { SqliteRunStore } from '@/lib/backends/embedded/sqlite-store';
import type { RunStore } from '@/lib/store/types';
import { tempDataDir } from './next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from './redis';

const HOUR = 60 * 60 * 1000;

export function storeBackends(name: string): {
  backends: [string, () => RunStore][];
  redisPrefix: string;
  dropAll(): Promise<void>;
} {
  const redisPrefix = uniquePrefix(name);
  const inspector = testRedis();
  return {
    backends: [
      ['sqlite', () => new SqliteRunStore(path.join(tempDataDir(), 'dispatch.sqlite'))],
      [
        'redis',
        () =>
          new RedisRunStore(new Redis(REDIS_URL, { maxRetriesPerRequest: 2 }), redisKeys(redisPrefix), HOUR),
      ],
    ],
    redisPrefix,
    async dropAll() {
      await dropPrefix(inspector, redisPrefix);
      await inspector.quit();
    },
  };
}
