// The scale-out backend (REDIS_URL set): runs and events in Redis, the queue in BullMQ. A web process
// executes runs too unless RUN_WORKER=false; `npm run worker` starts processes that only execute runs.
import type { AppConfig } from '../../config';
import { redisConnectionCheck } from '../../ops/health';
import type { Backend, RunWorker } from '../types';
import { BullRunQueue, createBullQueue, startRunWorker } from './bullmq-queue';
import { RedisChannelBus } from './bus';
import { connectRedis } from './connection';
import { RedisExperimentStore } from './experiment-store';
import { redisKeys } from './keys';
import { RedisNotifier } from './notifier';
import { recoverAfterRestart } from './recovery';
import { RedisRunStore } from './store';
import { RedisWebhookOutbox } from './webhook-outbox';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RedisBackendOptions {
  /**
   * False in a worker-only process (`npm run worker`): it serves no subscriber, so it does not listen
   * to appends, which are every batch of every run of the deployment (and carry small batches).
   */
  followsChannels?: boolean;
}

export async function createBackend(
  config: AppConfig,
  { followsChannels = true }: RedisBackendOptions = {},
): Promise<Backend & { startWorker(): RunWorker }> {
  const url = config.REDIS_URL as string;
  const keys = redisKeys(config.REDIS_KEY_PREFIX);
  const redis = connectRedis(url, keys.prefix, 'commands');
  const notifications = connectRedis(url, keys.prefix, 'notifications');
  const notifier = new RedisNotifier(notifications, redis, [
    ...(followsChannels ? [keys.appendedTopic] : []),
    keys.publishedTopic,
    keys.cancelTopic,
  ]);
  await notifier.whenReady();
  const store = new RedisRunStore(redis, keys, config.RETENTION_DAYS * DAY_MS);
  const bus = new RedisChannelBus(notifier, keys, store);
  const outbox = new RedisWebhookOutbox(redis, keys.prefix, store);
  // Made on first use (a worker-only process never enqueues). BullMQ writes on the store's own connection,
  // so a run's job can be sent right behind its creation and still reach Redis after it (submitBehind).
  let queue: BullRunQueue | undefined;
  const workers: RunWorker[] = [];
  return {
    store,
    bus,
    get queue() {
      queue ??= new BullRunQueue(createBullQueue(redis, keys), redis, notifier, keys, config);
      return queue;
    },
    outbox,
    recover: recoverAfterRestart,
    openExperimentStore: () => new RedisExperimentStore(redis, keys.prefix),
    startWorker() {
      const connection = connectRedis(url, keys.prefix, 'worker');
      const worker = {
        ...startRunWorker({ store, bus, config, redis, notifier, keys, connection }),
        readiness: redisConnectionCheck('worker', connection),
      };
      workers.push(worker);
      return worker;
    },
    readinessChecks: [
      { name: 'store', check: () => store.ping() },
      redisConnectionCheck('notifications', notifications),
      // The queue is made with the first enqueue (web processes); a worker-only process has none.
      {
        name: 'queue',
        check: () => (queue ? redisConnectionCheck('queue', redis).check() : Promise.resolve()),
      },
    ],
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await queue?.close();
      await bus.close();
      await notifier.close();
      await store.close();
    },
  };
}
