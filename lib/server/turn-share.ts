// A share of each event-loop turn for the wire API, so that a burst of wire requests (a batch of a
// thousand dispatches and their subscriptions, arriving together) cannot hold the loop for the whole
// burst. Node runs every ready socket's callback in one poll phase: a thousand dispatches, each storing
// a run and starting it, held the loop for 0.4–0.9 s at a time, and a page or dashboard request that
// arrived meanwhile waited for all of them. With a share, wire requests are started while the turn's
// share lasts; the rest wait in arrival order and are started in the following turns' check phases, a
// share per turn, while every turn's poll phase still serves the other requests (pages, the dashboard
// API) at once.
import { performance } from 'node:perf_hooks';

/** How much of a turn wire requests get before the rest wait for the next turn (milliseconds). */
export const WIRE_SHARE_MS = 8;

/**
 * At most this many check-phase slots are scheduled at once, however many tasks wait. A slot that finds
 * the share used up moves to the next turn: with a slot per waiting task, a burst of 10,000 moved 10,000
 * immediates every turn, more work than the tasks the turn started. A turn starts fewer tasks than this
 * (a share of 8 ms, each task's first step 30 µs or more).
 */
export const MAX_SLOTS = 256;

export class TurnShare {
  private readonly waiting: (() => void)[] = [];
  /** Check-phase slots scheduled: never more than the tasks waiting, nor MAX_SLOTS. */
  private slots = 0;
  /** When this turn's share started (undefined: not yet this turn). */
  private shareStartedAt: number | undefined;

  constructor(private readonly shareMs: number) {}

  /** How many tasks wait for a later turn. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Runs `task` now when this turn's share is not used up and none waits before it; otherwise later, in order. */
  run(task: () => void): void {
    if (this.waiting.length === 0 && this.withinShare()) {
      task();
      return;
    }
    this.waiting.push(task);
    this.fillSlots();
  }

  private fillSlots(): void {
    const wanted = Math.min(this.waiting.length, MAX_SLOTS);
    for (; this.slots < wanted; this.slots += 1) setImmediate(this.startNext);
  }

  /** Whether the phase's share lasts; the first call of a turn starts a share that its check phase ends. */
  private withinShare(): boolean {
    const now = performance.now();
    if (this.shareStartedAt === undefined) {
      this.shareStartedAt = now;
      setImmediate(() => (this.shareStartedAt = undefined));
      return true;
    }
    return now - this.shareStartedAt < this.shareMs;
  }

  /**
   * A check-phase slot starts the next waiting task. Node runs the ticks and promise jobs a slot's task
   * started before the next slot, so the share counts the work each task did, not only its first step. A
   * slot that finds the share used up moves to the next turn's check phase, still ahead of later arrivals;
   * one that started a task is replaced (in the next turn) while more wait than slots are scheduled.
   */
  private readonly startNext = (): void => {
    if (!this.withinShare()) {
      setImmediate(this.startNext);
      return;
    }
    this.slots -= 1;
    this.waiting.shift()?.();
    this.fillSlots();
  };
}
