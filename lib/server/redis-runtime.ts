// The scale-out wiring (REDIS_URL set): runs and events in Redis, the queue in BullMQ. A web process
// executes runs too unless RUN_WORKER=false; `npm run worker` starts processes that only execute runs.
import type { AppConfig } from '../config';
import { redisConnectionCheck } from '../ops/health';
import { getLogger } from '../ops/logger';
import { BullRunQueue, createBullQueue, startRunWorker } from '../runs/bullmq-queue';
import { RunService } from '../runs/service';
import { RedisChannelBus } from '../store/redis/bus';
import { connectRedis } from '../store/redis/connection';
import { redisKeys } from '../store/redis/keys';
import { RedisNotifier } from '../store/redis/notifier';
import { RedisRunStore } from '../store/redis/store';
import type { Runtime } from './runtime';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Store, bus and notifier: what both web and worker processes need. */
export async function connectRedisBackend(config: AppConfig) {
  const url = config.REDIS_URL as string;
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const redis = connectRedis(url, keys.prefix, 'commands');
  const notifications = connectRedis(url, keys.prefix, 'notifications');
  const notifier = new RedisNotifier(notifications, redis, [
    keys.appendedTopic,
    keys.publishedTopic,
    keys.cancelTopic,
  ]);
  await notifier.whenReady();
  const store = new RedisRunStore(redis, keys, config.RETENTION_DAYS * DAY_MS);
  const bus = new RedisChannelBus(notifier, keys);
  const startWorker = () => {
    const connection = connectRedis(url, keys.prefix, 'worker');
    const worker = startRunWorker({ store, bus, config, redis, notifier, keys, connection });
    return { ...worker, readiness: redisConnectionCheck('worker', connection) };
  };
  const readinessChecks = [
    { name: 'store', check: () => store.ping() },
    redisConnectionCheck('notifications', notifications),
  ];
  return { keys, redis, notifier, store, bus, startWorker, readinessChecks };
}

export async function createRedisRuntime(config: AppConfig): Promise<Runtime> {
  const backend = await connectRedisBackend(config);
  const { keys, redis, notifier, store, bus } = backend;
  const queueConnection = connectRedis(config.REDIS_URL as string, keys.prefix, 'queue');
  const queue: BullRunQueue = new BullRunQueue(
    createBullQueue(queueConnection, keys),
    redis,
    notifier,
    keys,
    config,
    (channelId) => service.endQueuedRunAsCancelled(channelId),
  );
  const service = new RunService({ store, bus, queue, config });
  const worker = config.RUN_WORKER ? backend.startWorker() : undefined;
  getLogger().info({ prefix: keys.prefix, runWorker: worker !== undefined }, 'Redis backend connected');
  return {
    config,
    store,
    bus,
    queue,
    service,
    readinessChecks: [
      ...backend.readinessChecks,
      redisConnectionCheck('queue', queueConnection),
      ...(worker ? [worker.readiness] : []),
    ],
    runExecution: worker,
    async close() {
      await worker?.close();
      await queue.close();
      await bus.close();
      await notifier.close();
      await store.close();
    },
  };
}
