// Placeholder until the Redis backend lands (issue "Scale out on Redis").
import type { AppConfig } from '../config';
import type { Runtime } from './runtime';

export async function createRedisRuntime(_config: AppConfig): Promise<Runtime> {
  throw new Error('REDIS_URL is set, but the Redis backend is not available in this build yet.');
}
