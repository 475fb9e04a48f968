// Where a measurement's CPU goes, process by process: the target's first process (the server that takes
// the requests), its other processes (Redis workers), the Redis server (INFO cpu, for targets that use
// it) and this benchmark's own process (the client). On 2 cores a figure made of sequential steps across
// several processes is bounded by their CPU added up, whatever each step's own latency.
import { Redis } from 'ioredis';
import { treeCpuTicks } from './proc';
import { REDIS_URL, type Target } from './targets';

/** Milliseconds of CPU used during the measurement, by part. */
export interface CpuUse {
  server: number;
  /** Processes beside the server (Redis workers); 0 when there are none. */
  workers: number;
  /** The Redis server; undefined when the target does not use Redis. */
  redis?: number;
  client: number;
}

const MS_PER_TICK = 10;

const usesRedis = (target: Target) => target.name === 'redis' || target.name === 'resumable-stream';

/** The Redis server's CPU time so far (user + system), in milliseconds. */
export async function redisServerCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

/** Starts counting; the returned function stops and answers the CPU each part used meanwhile. */
export async function startCpuAccounting(target: Target): Promise<() => Promise<CpuUse>> {
  const [serverPid, ...workerPids] = target.pids();
  const ticksOf = (pids: number[]) => pids.reduce((sum, pid) => sum + treeCpuTicks(pid), 0);
  const redis = usesRedis(target) ? new Redis(REDIS_URL) : undefined;
  const redisBefore = redis ? await redisServerCpuMs(redis) : 0;
  const serverBefore = ticksOf([serverPid]);
  const workersBefore = ticksOf(workerPids);
  const clientBefore = process.cpuUsage();
  return async () => {
    const client = process.cpuUsage(clientBefore);
    const use: CpuUse = {
      server: (ticksOf([serverPid]) - serverBefore) * MS_PER_TICK,
      workers: (ticksOf(workerPids) - workersBefore) * MS_PER_TICK,
      client: (client.user + client.system) / 1000,
    };
    if (redis) {
      use.redis = (await redisServerCpuMs(redis)) - redisBefore;
      redis.disconnect();
    }
    return use;
  };
}
