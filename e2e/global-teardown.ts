// After the e2e run: remove what the Redis-backed server left under its key prefix.
import { dropPrefix, testRedis } from '../test/support/redis';

export default async function globalTeardown() {
  const prefix = process.env.E2E_REDIS_PREFIX;
  if (!prefix || !process.env.E2E_REDIS_URL) return;
  const redis = testRedis(process.env.E2E_REDIS_URL);
  try {
    await dropPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}
