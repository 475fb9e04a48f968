// The embedded backend's queue: runs wait in the server process and execute there, at most
// MAX_CONCURRENT_RUNS at once, shared fairly between owners (lib/runs/fair-slots.ts). Completions
// answered on the request wait in the same queue. The Redis backend provides the same RunQueue over BullMQ.
import { FairSlots, type SlotLimits } from '../../runs/fair-slots';
import {
  queueFullError,
  Reservations,
  type QueueTicket,
  type RunExecutor,
  type RunQueue,
} from '../../runs/queue';
import type { RunExecution } from '../../ops/graceful-drain';
import { getLogger } from '../../ops/logger';

let nextStartingTurn: Promise<void> | undefined;

/**
 * One immediate for every run that starts in this turn of the event loop: after a burst of dispatches
 * they resume together, so their first events (committed at once, event-writer.ts) join one SQLite
 * transaction rather than one each; a lone run starts just as soon. This queue starts runs inside the call
 * that let them start (a dispatch, or the end of another run); the Redis backend's worker takes each job
 * on a turn of its own (BullMQ) and starts it at once, its first round trip not delayed.
 */
function startingTurn(): Promise<void> {
  nextStartingTurn ??= new Promise((resolve) =>
    setImmediate(() => {
      nextStartingTurn = undefined;
      resolve();
    }),
  );
  return nextStartingTurn;
}

/** Bounded in-process queue: at most `limits.maxConcurrent` runs execute, at most `maxQueued` wait. */
export class LocalRunQueue implements RunQueue, RunExecution {
  private readonly slots: FairSlots;
  private readonly reservations = new Reservations();

  constructor(
    private readonly execute: RunExecutor,
    private readonly limits: SlotLimits,
    private readonly maxQueued: number,
  ) {
    this.slots = new FairSlots(limits, (channelId, error) =>
      getLogger().error({ err: error, channelId }, 'run crashed'),
    );
  }

  private assertRoom(): void {
    const queued = this.slots.queued + this.reservations.count;
    if (queued >= this.maxQueued) throw queueFullError(queued, this.limits.maxConcurrent);
  }

  async reserve(owner: string): Promise<QueueTicket> {
    this.assertRoom();
    return this.reservations.take((channelId) => {
      // On a turn of its own: not inside the dispatch (or the end of another run) that let it start.
      this.slots.add({
        id: channelId,
        owner,
        run: async (signal, slot) => {
          await startingTurn();
          await this.execute(channelId, signal, slot);
        },
      });
    });
  }

  async acquireSlot(owner: string, signal: AbortSignal): Promise<() => void> {
    this.assertRoom();
    return this.slots.acquire(owner, signal);
  }

  async depth(): Promise<number> {
    return this.slots.queued;
  }

  async workers(): Promise<undefined> {
    return undefined;
  }

  async cancel(channelId: string): Promise<void> {
    if (!this.slots.removeWaiting(channelId)) this.slots.abortRunning(channelId);
  }

  /** Graceful drain: starts no further run (queued runs stay queued in the store); resolves once none runs. */
  stopTakingRuns(): Promise<void> {
    return this.slots.stopStarting();
  }

  abortRunning(reason: unknown): void {
    this.slots.abortAll(reason);
  }

  runningChannels(): string[] {
    return this.slots.runningIds();
  }

  async close(): Promise<void> {
    this.slots.close();
  }
}
