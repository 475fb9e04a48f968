// Buffers a run's events and stores them by group commit: one store write per turn of the event loop
// for every run of the process together (one SQLite transaction for 1,000 paced runs, not 1,000), then
// wakes subscribers. Stored before seen, always; per run, batches are stored in the order written.
// Under load (many runs streaming at once) commits are spaced out, so each run's row carries several
// tokens: rows, subscriber wakes and socket writes are paid per commit and run, not per token.
import type { ChannelEvent, StoredEvent } from '../events';
import { MAX_CHUNK_BYTES, offerAppended } from '../channel/shared-chunks';
import { processMetrics } from '../metrics/registry';
import type { RunStatus } from '../run-status';
import type { AppendResult, ChannelBus, EventAppend, RunPatch, RunStore } from '../store/types';

/** A run streaming at full speed is stored in batches of this many events, unless its store says otherwise. */
const MAX_BUFFERED_EVENTS = 512;
/** How stale a live run's stored token count may be (one row update per run per second, not per batch). */
const TOKEN_COUNT_EVERY_MS = 1000;
/** Also flush past this many bytes, so a stored batch (read whole by subscribers) stays small. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * An event larger than a subscribe chunk (a long run's final message and result, ~12 MB each) is stored
 * as a batch of its own. A batch is read whole, so a subscriber resuming at one of the small events before
 * it would otherwise load the large one too, each subscriber on its own (each resumes at a different seq);
 * alone, it is read only by those sending it, once for all of them (lib/channel/shared-chunks.ts).
 */
const OWN_BATCH_BYTES = MAX_CHUNK_BYTES;
/**
 * A commit that carried at least this many channels says many runs are streaming at once: the next
 * commit then starts BUSY_COMMIT_INTERVAL_MS after it instead of at the end of the turn. With fewer
 * (one run's latency, one channel read by 1,000 subscribers) every turn still commits at once.
 */
const BUSY_COMMIT_CHANNELS = 64;
/**
 * With 1,000 runs at a model's pace (a token each 20 ms) a commit per turn stores ~1 token per run;
 * spaced this far apart each carries a few, for at most this much more delay before a token is seen.
 */
const BUSY_COMMIT_INTERVAL_MS = 40;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
  // A flush nobody awaits (the per-tick one) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * When an append is stored (or failed). Its promise is made only when asked for: most hand-offs (the
 * per-turn one of each paced run) are never awaited, and two promises per run per tick are measurable
 * at a thousand runs (each also runs the async-context hooks).
 */
class Completion {
  private waiting: Deferred | undefined;
  private outcome: { failed: false } | { failed: true; error: unknown } | undefined;

  get promise(): Promise<void> {
    if (!this.waiting) {
      this.waiting = deferred();
      if (this.outcome) this.settleWaiting(this.outcome);
    }
    return this.waiting.promise;
  }

  resolve(): void {
    this.settle({ failed: false });
  }

  reject(error: unknown): void {
    this.settle({ failed: true, error });
  }

  private settle(outcome: NonNullable<Completion['outcome']>): void {
    this.outcome = outcome;
    if (this.waiting) this.settleWaiting(outcome);
  }

  private settleWaiting(outcome: NonNullable<Completion['outcome']>): void {
    if (outcome.failed) this.waiting?.reject(outcome.error);
    else this.waiting?.resolve();
  }
}

/**
 * A writer's events are stored only while its run is in one of `statuses`; once a store write is refused
 * (another process ended the run: a worker judged lost that wakes up again), `onEnded` is called and
 * nothing more of the run's is stored.
 */
export interface WhileRunIs {
  statuses: readonly RunStatus[];
  onEnded(): void;
}

/** What one writer hands to the next commit. */
interface PendingAppend extends EventAppend {
  /** The events' stored size as the writer counted it (0 when it did not). */
  bytes: number;
  done: Completion;
  /** Called when the store refused the events (the run had left onlyIfStatus). */
  onRefused?: () => void;
}

/**
 * The commits of one store: at most one in flight, each taking everything pending when it starts (or,
 * for a `now` hand-off, the channels handed off `now`), so the busier the process, the more each carries.
 */
class GroupCommit {
  /** Each channel's pending appends in the order they are to be stored (a large event stands alone). */
  private readonly pending = new Map<string, PendingAppend[]>();
  /** Each channel's last pending append that later events may join. */
  private readonly open = new Map<string, PendingAppend>();
  /** Channels handed off `now`: the next commit takes them without waiting for the others. */
  private readonly urgent = new Set<string>();
  private scheduled = false;
  private committing: Promise<void> = Promise.resolve();
  /** When the last scheduled commit started and how many channels it carried: whether the next one waits. */
  private lastCommitAt = 0;
  private lastCommitChannels = 0;

  constructor(
    private readonly store: RunStore,
    private readonly bus: ChannelBus,
  ) {}

  /**
   * Adds to the channel's pending append (taking `events` over); completes when it is stored and
   * subscribers were woken. `now` (a run's first events, a writer's full buffer) commits the channel
   * without waiting for the end of the turn, together with the other channels handed off `now` meanwhile.
   */
  add(
    channelId: string,
    events: ChannelEvent[],
    bytes: number,
    runPatch: RunPatch | undefined,
    options: { now?: boolean; alone?: boolean; whileRunIs?: WhileRunIs } = {},
  ): Completion {
    let entry = options.alone ? undefined : this.open.get(channelId);
    if (!entry) {
      // The writer hands its buffer over and starts a new one: no copy.
      entry = {
        channelId,
        events,
        bytes: 0,
        done: new Completion(),
        onlyIfStatus: options.whileRunIs?.statuses,
        onRefused: options.whileRunIs?.onEnded,
      };
      const appends = this.pending.get(channelId);
      if (appends) appends.push(entry);
      else this.pending.set(channelId, [entry]);
      if (options.alone) this.open.delete(channelId);
      else this.open.set(channelId, entry);
    } else {
      for (const event of events) entry.events.push(event);
    }
    entry.bytes += bytes;
    if (runPatch) entry.runPatch = { ...entry.runPatch, ...runPatch };
    if (options.now) {
      this.urgent.add(channelId);
      this.committing = this.committing.then(() => this.commit(this.takeUrgent()));
    } else if (!this.scheduled) {
      this.scheduled = true;
      const commitNext = () => {
        this.scheduled = false;
        this.committing = this.committing.then(() => this.commit(this.takeAll()));
      };
      if (this.lastCommitChannels >= BUSY_COMMIT_CHANNELS)
        setTimeout(commitNext, this.lastCommitAt + BUSY_COMMIT_INTERVAL_MS - performance.now());
      else setImmediate(commitNext);
    }
    return entry.done;
  }

  private takeAll(): PendingAppend[] {
    const entries = [...this.pending.values()].flat();
    this.pending.clear();
    this.open.clear();
    this.urgent.clear();
    this.lastCommitAt = performance.now();
    this.lastCommitChannels = entries.length;
    return entries;
  }

  private takeUrgent(): PendingAppend[] {
    const entries: PendingAppend[] = [];
    for (const channelId of this.urgent) {
      for (const entry of this.pending.get(channelId) ?? []) entries.push(entry);
      this.pending.delete(channelId);
      this.open.delete(channelId);
    }
    this.urgent.clear();
    return entries;
  }

  private async commit(entries: PendingAppend[]): Promise<void> {
    if (entries.length === 0) return;
    let results: AppendResult[];
    try {
      results = await this.store.appendEventBatches(entries);
    } catch (error) {
      // The store itself failed (closed, unreachable): every writer hears it, and the next commit runs.
      for (const entry of entries) entry.done.reject(error);
      return;
    }
    let appended = 0;
    entries.forEach((entry, index) => {
      const stored = results[index];
      if (stored instanceof Error) return entry.done.reject(stored);
      if (stored.length === 0 && entry.events.length > 0) entry.onRefused?.();
      appended += stored.length;
      announceStored({ store: this.store, bus: this.bus }, entry.channelId, stored, entry.bytes);
      entry.done.resolve();
    });
    processMetrics().eventsAppended.inc(appended);
  }
}

/**
 * After a store write of a channel's events (`bytes`: their stored size when counted, else 0): this
 * process's subscribers of the channel may take the batch from memory, and its waiting readers wake.
 */
export function announceStored(
  { store, bus }: { store: RunStore; bus: ChannelBus },
  channelId: string,
  stored: readonly StoredEvent[],
  bytes: number,
): void {
  if (stored.length === 0) return;
  offerAppended(store, channelId, stored, bytes, bus.appendWaiterCount(channelId) > 0);
  bus.notifyAppended(channelId, stored[stored.length - 1].seq);
}

const commitsByStore = new WeakMap<RunStore, GroupCommit>();

function groupCommitOf(store: RunStore, bus: ChannelBus): GroupCommit {
  let commits = commitsByStore.get(store);
  if (!commits) {
    commits = new GroupCommit(store, bus);
    commitsByStore.set(store, commits);
  }
  return commits;
}

export class EventWriter {
  private buffer: ChannelEvent[] = [];
  private bufferedBytes = 0;
  private scheduled = false;
  private readonly commits: GroupCommit;
  /** Token events written so far, and how many of them the run record already shows. */
  private tokens = 0;
  private storedTokens = 0;
  private tokensStoredAt = 0;
  /**
   * When the first token was written. It is stored with the batch that carries that token (one store
   * write per run fewer than an update of its own, and never shown before the token is).
   */
  private firstTokenWrittenAt: number | undefined;
  private firstTokenStored = false;
  /** Waits for an answer before the first token: when the open one began, and the time of those ended. */
  private waitBegunAt: number | undefined;
  private waitedBeforeFirstToken = 0;
  /** The last hand-off to the group commit: complete once everything written before it is stored. */
  private lastHandOff: Completion | undefined;
  /**
   * The run's first events (completeBegin) are committed at once, not at the end of the turn: a run
   * starts on the turn after its dispatch was answered, and that turn's end comes only after the next
   * poll for I/O, which usually brings the subscriber. It would read nothing, wait and read again. A
   * dispatched run's completeBegin is stored with its start (executor.ts): its writer starts with
   * `begun`, and its first tokens wait for the end of the turn like the rest.
   */
  private firstHandedOff: boolean;
  private readonly maxBufferedEvents: number;
  private readonly whileRunIs: WhileRunIs | undefined;

  constructor(
    private readonly channelId: string,
    store: RunStore,
    bus: ChannelBus,
    { begun = false, whileRunIs }: { begun?: boolean; whileRunIs?: WhileRunIs } = {},
  ) {
    this.firstHandedOff = begun;
    this.whileRunIs = whileRunIs;
    this.commits = groupCommitOf(store, bus);
    this.maxBufferedEvents = store.eventsPerAppend ?? MAX_BUFFERED_EVENTS;
  }

  /**
   * Queues an event (`size`: its stored bytes, when the caller counted them); returns a promise only
   * when the buffer is full, so awaiting callers yield.
   */
  write(event: ChannelEvent, size = 0): void | Promise<void> {
    if (size >= OWN_BATCH_BYTES) return this.writeAlone(event).then(yieldToEventLoop);
    this.buffer.push(event);
    this.noteTimes(event);
    this.bufferedBytes += size;
    if (this.buffer.length >= this.maxBufferedEvents || this.bufferedBytes >= MAX_BUFFERED_BYTES)
      return promiseOf(this.commitBuffered(undefined, true)).then(yieldToEventLoop);
    if (!this.scheduled) {
      this.scheduled = true;
      // Handed to the group commit at the end of this turn, so a burst of tokens is one batch.
      queueMicrotask(() => void this.commitBuffered(undefined, false));
    }
  }

  /** Token events written so far: the run's output tokens until the engine reports usage. */
  get tokenCount(): number {
    return this.tokens;
  }

  /** When the run's first token was written (undefined before it). */
  get firstTokenAt(): number | undefined {
    return this.firstTokenWrittenAt;
  }

  /** Time waited for answers before the first token (undefined when the run did not wait). */
  get waitBeforeFirstTokenMs(): number | undefined {
    return this.waitedBeforeFirstToken > 0 ? this.waitedBeforeFirstToken : undefined;
  }

  /** Counts a token, and times the first token and the waits for an answer before it. */
  private noteTimes(event: ChannelEvent): void {
    if (event.type === 'token') {
      this.tokens += 1;
      this.firstTokenWrittenAt ??= Date.now();
    } else if (this.firstTokenWrittenAt === undefined) {
      if (event.type === 'waitForChannelMessageBegin') this.waitBegunAt = Date.now();
      if (event.type === 'waitForChannelMessageEnd' && this.waitBegunAt !== undefined) {
        this.waitedBeforeFirstToken += Date.now() - this.waitBegunAt;
        this.waitBegunAt = undefined;
      }
    }
  }

  /** The first token's time, for the batch that carries it; undefined for every other batch. */
  private firstTokenPatch(): RunPatch | undefined {
    if (this.firstTokenWrittenAt === undefined || this.firstTokenStored) return undefined;
    this.firstTokenStored = true;
    return { firstTokenAt: this.firstTokenWrittenAt, waitBeforeFirstTokenMs: this.waitBeforeFirstTokenMs };
  }

  /**
   * Stores everything written so far; resolves when it is durable and subscribers were woken.
   * `runPatch` is stored atomically with the batch (ending a run together with its completeEnd).
   * The token count so far is stored with the first tokens, then at most every TOKEN_COUNT_EVERY_MS
   * and with every run patch (the end), so lists show live runs' tokens without a row update per batch.
   */
  flush(runPatch?: RunPatch): Promise<void> {
    return promiseOf(this.commitBuffered(runPatch, false));
  }

  /** A large event: what was buffered before it goes first, then the event as a batch of its own. */
  private writeAlone(event: ChannelEvent): Promise<void> {
    const before = this.commitBuffered(undefined, true);
    this.noteTimes(event);
    const alone = this.handOff([event], 0, this.firstTokenPatch(), { now: true, alone: true });
    return Promise.all([promiseOf(before), alone.promise]).then(() => undefined);
  }

  /** Hands the buffer to the group commit; undefined when nothing was ever handed off. */
  private commitBuffered(runPatch: RunPatch | undefined, commitNow: boolean): Completion | undefined {
    this.scheduled = false;
    const batch = this.buffer;
    this.buffer = [];
    const tokens = this.tokens;
    const now = Date.now();
    const countDue =
      tokens !== this.storedTokens &&
      (runPatch !== undefined ||
        this.storedTokens === 0 ||
        now - this.tokensStoredAt >= TOKEN_COUNT_EVERY_MS);
    const firstToken = this.firstTokenPatch();
    const patch =
      countDue || firstToken
        ? { ...firstToken, ...(countDue && { outputTokens: tokens }), ...runPatch }
        : runPatch;
    if (countDue) {
      this.storedTokens = tokens;
      this.tokensStoredAt = now;
    }
    const bytes = this.bufferedBytes;
    this.bufferedBytes = 0;
    // Nothing new: what was handed off before (by the end-of-turn flush) may still be on its way.
    if (batch.length === 0 && !patch) return this.lastHandOff;
    const first = !this.firstHandedOff;
    this.firstHandedOff = true;
    return this.handOff(batch, bytes, patch, { now: commitNow || first });
  }

  private handOff(
    events: ChannelEvent[],
    bytes: number,
    patch: RunPatch | undefined,
    options: { now?: boolean; alone?: boolean },
  ): Completion {
    this.lastHandOff = this.commits.add(this.channelId, events, bytes, patch, {
      ...options,
      whileRunIs: this.whileRunIs,
    });
    return this.lastHandOff;
  }
}

const promiseOf = (completion: Completion | undefined): Promise<void> =>
  completion ? completion.promise : Promise.resolve();

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
