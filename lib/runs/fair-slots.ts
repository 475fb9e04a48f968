// Execution slots shared fairly between owners (tenants). Waiting work is kept per owner and taken
// round-robin, one item per owner in turn, and no owner holds more than its cap of slots at once, so one
// tenant's long or waiting runs cannot make another tenant's run wait for a slot. Running work waiting for
// something slow from outside (a run waiting for a person's answer) lends its slot to queued work, and
// takes the next free slot back before any queued work starts. At most as many slots are lent as there
// are slots (and an owner lends at most its cap), so waiting work cannot pile up without bound.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import { apiSecrets } from '../secrets/api-secrets';

/** What running work may do with its slot while it waits for something slow from outside. */
export interface LendableSlot {
  /** Lets queued work use the slot meanwhile. */
  lend(): void;
  /** Resolves once the slot is back (at once when it was not lent, or when the work is aborted). */
  takeBack(): Promise<void>;
}

export interface SlotWork {
  /** Names queued work for cancel (a run's channel id). */
  id: string;
  owner: string;
  run(signal: AbortSignal, slot: LendableSlot): Promise<void>;
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

/** One less for `owner`; an owner down to none leaves the map. */
function countDown(counts: Map<string, number>, owner: string): void {
  const left = (counts.get(owner) ?? 1) - 1;
  if (left > 0) counts.set(owner, left);
  else counts.delete(owner);
}

export class FairSlots {
  /** Owners with waiting work, in turn order: an owner served goes to the back (Map keeps insertion order). */
  private readonly waiting = new Map<string, SlotWork[]>();
  private readonly runningByOwner = new Map<string, number>();
  private readonly running = new Map<string, AbortController>();
  /** Running work whose slot is lent out, and the lent work waiting to take a slot back, in order. */
  private readonly lent = new Set<string>();
  private readonly lentByOwner = new Map<string, number>();
  private readonly takingBack: { work: SlotWork; done: () => void }[] = [];
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

  /** Slots in use: running work but the work that lent its slot. */
  get inUse(): number {
    return this.running.size - this.lent.size;
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
    while (this.takingBack.length > 0 && this.inUse < this.limits.maxConcurrent) {
      const { work, done } = this.takingBack.shift()!;
      this.endLending(work);
      this.runningByOwner.set(work.owner, this.activeFor(work.owner) + 1);
      done();
    }
    if (this.takingBack.length > 0) return;
    for (let work = this.takeNext(); work; work = this.takeNext()) this.start(work);
  }

  /** Lends the work's slot unless as many are lent already (overall or by its owner): then it keeps it. */
  private lend(work: SlotWork): void {
    if (!this.running.has(work.id) || this.lent.has(work.id)) return;
    const lentByOwner = this.lentByOwner.get(work.owner) ?? 0;
    if (this.lent.size >= this.limits.maxConcurrent || lentByOwner >= this.limits.maxPerOwner) return;
    this.lent.add(work.id);
    this.lentByOwner.set(work.owner, lentByOwner + 1);
    this.leaveOwnerSlot(work.owner);
    this.pump();
  }

  /** Forgets the lent slot of work that takes a slot back or ends; says whether it had lent one. */
  private endLending(work: SlotWork): boolean {
    if (!this.lent.delete(work.id)) return false;
    countDown(this.lentByOwner, work.owner);
    return true;
  }

  private takeBack(work: SlotWork, signal: AbortSignal): Promise<void> {
    if (!this.lent.has(work.id) || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { work, done: resolve };
      this.takingBack.push(entry);
      // Aborted while waiting for its slot: it goes on to end, still without one.
      signal.addEventListener('abort', () => this.dropTakingBack(entry), { once: true });
      this.pump();
    });
  }

  private dropTakingBack(entry: { work: SlotWork; done: () => void }): void {
    const index = this.takingBack.indexOf(entry);
    if (index < 0) return;
    this.takingBack.splice(index, 1);
    entry.done();
  }

  private leaveOwnerSlot(owner: string): void {
    countDown(this.runningByOwner, owner);
  }

  /** The first waiting work, in owner turn order, whose owner is under its cap; none when every slot is taken. */
  private takeNext(): SlotWork | undefined {
    if (!this.accepting || this.inUse >= this.limits.maxConcurrent) return undefined;
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
    const slot: LendableSlot = {
      lend: () => this.lend(work),
      takeBack: () => this.takeBack(work, controller.signal),
    };
    work
      .run(controller.signal, slot)
      .catch((error: unknown) => this.onCrash(work.id, error))
      .finally(() => {
        this.running.delete(work.id);
        // Work that ends with its slot lent (its wait timed out or was cancelled) has no slot to give back.
        if (!this.endLending(work)) this.leaveOwnerSlot(work.owner);
        if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.pump();
      });
  }
}
