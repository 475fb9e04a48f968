// Execution slots shared fairly between owners (tenants). Waiting work is kept per owner and taken
// round-robin, one item per owner in turn, and no owner holds more than its cap of slots at once, so one
// tenant's long or waiting runs cannot make another tenant's run wait for a slot.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import { apiSecrets } from '../secrets/api-secrets';

export interface SlotWork {
  /** Names queued work for cancel (a run's channel id). */
  id: string;
  owner: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface SlotLimits {
  maxConcurrent: number;
  maxPerOwner: number;
}

type SlotConfig = Pick<AppConfig, 'MAX_CONCURRENT_RUNS' | 'MAX_RUNS_PER_OWNER' | 'API_SECRET'>;

/**
 * MAX_RUNS_PER_OWNER, or its default: with several secrets (several owners) half of MAX_CONCURRENT_RUNS,
 * so two busy tenants split a process's slots evenly; with a single owner there is no one to share with,
 * so no cap (undefined).
 */
export function ownerCap(config: SlotConfig): number | undefined {
  if (config.MAX_RUNS_PER_OWNER !== undefined) return config.MAX_RUNS_PER_OWNER;
  return apiSecrets(config).length > 1 ? Math.ceil(config.MAX_CONCURRENT_RUNS / 2) : undefined;
}

/** The limits of one process's slots: MAX_CONCURRENT_RUNS, and the owner cap within them. */
export function slotLimits(config: SlotConfig): SlotLimits {
  const maxConcurrent = config.MAX_CONCURRENT_RUNS;
  return { maxConcurrent, maxPerOwner: Math.min(maxConcurrent, ownerCap(config) ?? maxConcurrent) };
}

export class FairSlots {
  /** Owners with waiting work, in turn order: an owner served goes to the back (Map keeps insertion order). */
  private readonly waiting = new Map<string, SlotWork[]>();
  private readonly runningByOwner = new Map<string, number>();
  private readonly running = new Map<string, AbortController>();
  private waitingCount = 0;
  /** False once the process drains: waiting work stays waiting (in the store) for the next start. */
  private accepting = true;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly limits: SlotLimits,
    private readonly onCrash: (id: string, error: unknown) => void = () => undefined,
  ) {}

  get queued(): number {
    return this.waitingCount;
  }

  get active(): number {
    return this.running.size;
  }

  /** Work started so far for `owner` and not finished. */
  activeFor(owner: string): number {
    return this.runningByOwner.get(owner) ?? 0;
  }

  add(work: SlotWork): void {
    const queue = this.waiting.get(work.owner);
    if (queue) queue.push(work);
    else this.waiting.set(work.owner, [work]);
    this.waitingCount += 1;
    this.pump();
  }

  /** Takes waiting work out of the queue; false when it is not waiting (running, finished or unknown). */
  removeWaiting(id: string): boolean {
    for (const [owner, queue] of this.waiting) {
      const index = queue.findIndex((work) => work.id === id);
      if (index < 0) continue;
      queue.splice(index, 1);
      if (queue.length === 0) this.waiting.delete(owner);
      this.waitingCount -= 1;
      return true;
    }
    return false;
  }

  /** Aborts running work; false when it is not running. */
  abortRunning(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /**
   * Waits its turn for a slot for work done by the caller (an answer streamed on the request itself) and
   * resolves with the function that gives the slot back. Rejects, leaving the queue, when `signal` aborts first.
   */
  acquire(owner: string, signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const id = `inline-${randomUUID()}`;
      const leave = () => {
        if (this.removeWaiting(id)) reject(signal.reason);
      };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', leave, { once: true });
      this.add({
        id,
        owner,
        run: () =>
          new Promise<void>((release) => {
            signal.removeEventListener('abort', leave);
            resolve(() => release());
          }),
      });
    });
  }

  /** Graceful drain: starts no further work; resolves once none runs. */
  stopStarting(): Promise<void> {
    this.accepting = false;
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Aborts all running work with `reason`. */
  abortAll(reason: unknown): void {
    for (const controller of this.running.values()) controller.abort(reason);
  }

  runningIds(): string[] {
    return [...this.running.keys()];
  }

  close(): void {
    this.waiting.clear();
    this.waitingCount = 0;
    for (const controller of this.running.values()) controller.abort();
  }

  private pump(): void {
    for (let work = this.takeNext(); work; work = this.takeNext()) this.start(work);
  }

  /** The first waiting work, in owner turn order, whose owner is under its cap; none when every slot is taken. */
  private takeNext(): SlotWork | undefined {
    if (!this.accepting || this.running.size >= this.limits.maxConcurrent) return undefined;
    for (const [owner, queue] of this.waiting) {
      if (this.activeFor(owner) >= this.limits.maxPerOwner) continue;
      const work = queue.shift() as SlotWork;
      this.waiting.delete(owner);
      if (queue.length > 0) this.waiting.set(owner, queue);
      this.waitingCount -= 1;
      return work;
    }
    return undefined;
  }

  private start(work: SlotWork): void {
    const controller = new AbortController();
    this.running.set(work.id, controller);
    this.runningByOwner.set(work.owner, this.activeFor(work.owner) + 1);
    work
      .run(controller.signal)
      .catch((error: unknown) => this.onCrash(work.id, error))
      .finally(() => {
        this.running.delete(work.id);
        const left = this.activeFor(work.owner) - 1;
        if (left > 0) this.runningByOwner.set(work.owner, left);
        else this.runningByOwner.delete(work.owner);
        if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.pump();
      });
  }
}
