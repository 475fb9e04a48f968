// ioredis connections, named after the deployment's key prefix and their role so an operator (and a
// test) can tell them apart in CLIENT LIST.
import { Redis } from 'ioredis';
import { defineScriptsOn } from './script-command';

export type RedisRole = 'commands' | 'notifications' | 'worker';

export function connectRedis(url: string, prefix: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    connectionName: `${prefix}${role}`,
    // BullMQ needs null (wait for Redis to come back); our own commands give up after ~20 reconnect
    // attempts (about half a minute) so a request fails with an error instead of hanging.
    maxRetriesPerRequest: role === 'commands' ? 20 : null,
    enableAutoPipelining: role === 'commands',
  });
  defineScriptsOn(redis);
  return redis;
}
