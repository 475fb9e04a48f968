// The Redis backend's queue: runs wait in BullMQ and are executed by workers in any process.
// Same interface as the embedded queue; cancel reaches the worker through a Redis notification.
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config';
import type { RedisKeys } from './keys';
import type { RedisNotifier } from './notifier';
import type { ChannelBus, RunStore } from '../../store/types';
import { endRun, RUN_CRASHED } from '../../runs/end-run';
import { executeRun } from '../../runs/executor';
import { queueFullError, Reservations, type QueueTicket, type RunQueue } from '../../runs/queue';
import type { RunWorker } from '../types';
import { failRunOfLostWorker } from './recovery';

export const RUN_QUEUE_NAME = 'runs';
const WAITING_STATES = ['waiting', 'prioritized', 'delayed'] as const;
/** A cancel request outlives any reasonable hand-over between queue and worker. */
const CANCEL_REQUEST_TTL_SECONDS = 24 * 60 * 60;

interface RunJob {
  channelId: string;
}

/** BullMQ job ids may be neither integers nor contain ':'; channel ids may be digits only. */
const jobIdOf = (channelId: string) => `run-${channelId}`;

export class BullRunQueue implements RunQueue {
  private readonly reservations = new Reservations();

  constructor(
    private readonly queue: Queue<RunJob>,
    private readonly redis: Redis,
    private readonly notifier: RedisNotifier,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {}

  async reserve(): Promise<QueueTicket> {
    const queued = (await this.queue.getJobCountByTypes(...WAITING_STATES)) + this.reservations.count;
    if (queued >= this.config.MAX_QUEUED_RUNS) throw queueFullError(queued, this.config.MAX_CONCURRENT_RUNS);
    return this.reservations.take(async (channelId) => {
      await this.queue.add(
        'run',
        { channelId },
        { jobId: jobIdOf(channelId), removeOnComplete: true, removeOnFail: true },
      );
    });
  }

  /**
   * A waiting job is removed. Otherwise a worker may hold it: the cancel request is stored (for a worker
   * that is just picking it up) and announced (for the one running it).
   */
  async cancel(channelId: string): Promise<void> {
    const job = await this.queue.getJob(jobIdOf(channelId));
    const state = job ? await job.getState() : undefined;
    if (job && WAITING_STATES.includes(state as (typeof WAITING_STATES)[number])) {
      const removed = await job.remove().then(
        () => true,
        () => false,
      );
      if (removed) return;
    }
    await this.redis.set(this.keys.cancelRequest(channelId), '1', 'EX', CANCEL_REQUEST_TTL_SECONDS);
    await this.notifier.publish(this.keys.cancelTopic, channelId);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export interface RunWorkerDeps {
  store: RunStore;
  bus: ChannelBus;
  config: AppConfig;
  redis: Redis;
  /** A connection of its own for BullMQ's worker (it blocks while waiting for jobs). */
  connection: Redis;
  notifier: RedisNotifier;
  keys: RedisKeys;
}

/**
 * Executes queued runs in this process, at most MAX_CONCURRENT_RUNS at once. A job whose worker died
 * comes back (BullMQ found its lock expired) and is settled by crash recovery instead of being run.
 */
export function startRunWorker(deps: RunWorkerDeps): RunWorker {
  const { store, bus, config, redis, keys } = deps;
  const running = new Map<string, AbortController>();
  deps.notifier.on(keys.cancelTopic, (channelId) => running.get(channelId)?.abort());

  const processRun = async (job: Job<RunJob>) => {
    const { channelId } = job.data;
    const controller = new AbortController();
    running.set(channelId, controller);
    try {
      if (await redis.exists(keys.cancelRequest(channelId))) controller.abort();
      if (await failRunOfLostWorker({ store, bus }, channelId)) return;
      await executeRun(channelId, controller.signal, { store, bus, config });
    } catch (error) {
      console.error('[worker] run crashed', channelId, (error as Error).message);
      await endRun({ store, bus }, channelId, RUN_CRASHED).catch(() => undefined);
    } finally {
      running.delete(channelId);
    }
  };

  const worker = new Worker<RunJob>(RUN_QUEUE_NAME, processRun, {
    connection: deps.connection,
    prefix: keys.queuePrefix,
    concurrency: config.MAX_CONCURRENT_RUNS,
    lockDuration: config.WORKER_LOCK_MS,
    stalledInterval: Math.max(1000, Math.floor(config.WORKER_LOCK_MS / 2)),
    maxStalledCount: 1,
  });
  worker.on('error', (error) => console.error('[worker]', error.message));
  return {
    async close() {
      await worker.close();
    },
  };
}

export function createBullQueue(connection: Redis, keys: RedisKeys): Queue<RunJob> {
  return new Queue<RunJob>(RUN_QUEUE_NAME, { connection, prefix: keys.queuePrefix });
}
