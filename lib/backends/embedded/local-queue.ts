// The embedded backend's queue: runs wait in the server process and execute there, at most
// MAX_CONCURRENT_RUNS at once. The Redis backend provides the same RunQueue interface over BullMQ.
import {
  queueFullError,
  Reservations,
  type QueueTicket,
  type RunExecutor,
  type RunQueue,
} from '../../runs/queue';

/** Bounded in-process queue: at most `maxConcurrent` runs execute, at most `maxQueued` wait. */
export class LocalRunQueue implements RunQueue {
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, AbortController>();
  private readonly reservations = new Reservations();

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
    while (this.running.size < this.maxConcurrent && this.waiting.length > 0) {
      const channelId = this.waiting.shift() as string;
      const controller = new AbortController();
      this.running.set(channelId, controller);
      this.execute(channelId, controller.signal)
        .catch((error) => console.error('[queue] run crashed', channelId, error))
        .finally(() => {
          this.running.delete(channelId);
          this.pump();
        });
    }
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    for (const controller of this.running.values()) controller.abort();
  }
}
