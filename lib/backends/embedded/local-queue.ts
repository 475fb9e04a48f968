// The embedded backend's queue: runs wait in the server process and execute there, at most
// MAX_CONCURRENT_RUNS at once. The Redis backend provides the same RunQueue interface over BullMQ.
import {
  queueFullError,
  Reservations,
  type QueueTicket,
  type RunExecutor,
  type RunQueue,
} from '../../runs/queue';
import type { RunExecution } from '../../ops/graceful-drain';
import { getLogger } from '../../ops/logger';

/** Bounded in-process queue: at most `maxConcurrent` runs execute, at most `maxQueued` wait. */
export class LocalRunQueue implements RunQueue, RunExecution {
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly reservations = new Reservations();
  /** False once the process drains: queued runs stay queued (in the store) for the next start. */
  private accepting = true;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly execute: RunExecutor,
    private readonly maxConcurrent: number,
    private readonly maxQueued: number,
  ) {}

  async reserve(): Promise<QueueTicket> {
    const queued = this.waiting.length + this.reservations.count;
    if (queued >= this.maxQueued) throw queueFullError(queued, this.maxConcurrent);
    return this.reservations.take((channelId) => {
      this.waiting.push(channelId);
      this.pump();
    });
  }

  async cancel(channelId: string): Promise<void> {
    const index = this.waiting.indexOf(channelId);
    if (index >= 0) this.waiting.splice(index, 1);
    else this.running.get(channelId)?.abort();
  }

  private pump(): void {
    while (this.accepting && this.running.size < this.maxConcurrent && this.waiting.length > 0) {
      const channelId = this.waiting.shift() as string;
      const controller = new AbortController();
      this.running.set(channelId, controller);
      this.execute(channelId, controller.signal)
        .catch((error) => getLogger().error({ err: error, channelId }, 'run crashed'))
        .finally(() => {
          this.running.delete(channelId);
          if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
          this.pump();
        });
    }
  }

  /** Graceful drain: starts no further run; resolves once none runs. */
  stopTakingRuns(): Promise<void> {
    this.accepting = false;
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  abortRunning(reason: unknown): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  runningChannels(): string[] {
    return [...this.running.keys()];
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    for (const controller of this.running.values()) controller.abort();
  }
}
