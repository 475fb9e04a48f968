// A channel subscription as a pull-based JSONL stream: it reads the store only when the client has
// taken what was sent, so a slow reader never makes the server buffer without bound.
import { subscriptionsClosing } from '../ops/drain-state';
import type { ChannelBus, RunRecord, RunStore } from '../store/types';
import { isEnded, type RunStatus } from '../run-status';
import { processMetrics } from '../metrics/registry';
import type { ChunkSource } from './chunk-source';
import { sharedChunksOf, SLICE_BYTES, type ChannelChunk, type SharedChunks } from './shared-chunks';
import { WakeCoalescer } from './wake-coalescer';

/** Re-read the store at least this often even without a notification (a safety net, not the normal path). */
const IDLE_RECHECK_MS = 2_000;
/**
 * ...but all idle subscriptions of the process together recheck at most this many times a second, so
 * 10,000 connected, idle subscribers do not keep a core busy rechecking (each waits 10 s then).
 */
const MAX_RECHECKS_PER_SECOND = 1_000;
let openStreams = 0;
/** Under load, this process's subscribers are woken together (wake-coalescer.ts). */
const subscriberWakes = new WakeCoalescer();
const ENDED = Promise.resolve(undefined);

/** The waits under way in this copy of the module, all ended at once when the server drains. */
const waits = new Set<() => void>();
let drainWatched = false;

/**
 * A draining server ends its subscriptions once they have sent what is stored: the client resumes
 * elsewhere (or after the restart) with `after`, without a gap. One listener for all of them.
 */
function watchDrain(): void {
  if (drainWatched) return;
  drainWatched = true;
  subscriptionsClosing().addEventListener(
    'abort',
    () => {
      for (const stop of waits) stop();
    },
    { once: true },
  );
}

/** Recheck intervals are whole multiples of this: Node keeps one timer list per distinct duration. */
const RECHECK_STEP_MS = 100;

/**
 * This subscription's recheck interval now, spread ±25% so subscribers that came together do not
 * recheck together, in RECHECK_STEP_MS steps (a fractional duration each would make a timer list each).
 */
const idleRecheckMs = () => {
  const spread =
    Math.max(IDLE_RECHECK_MS, (openStreams / MAX_RECHECKS_PER_SECOND) * 1000) * (0.75 + Math.random() / 2);
  return Math.round(spread / RECHECK_STEP_MS) * RECHECK_STEP_MS;
};

export interface SubscriptionStart {
  /** Replay every event with seq > after. */
  after?: number;
  /** Replay the last n events. */
  historyLength?: number;
  /** Our extension: each line also carries `at`, when the event was stored (the live view shows it). */
  withTimes?: boolean;
}

/** Where the subscription starts when that needs no read of the store (not for historyLength). */
export function knownStartCursor(start: SubscriptionStart): number | undefined {
  if (start.after !== undefined) return start.after;
  return start.historyLength === undefined ? 0 : undefined;
}

export async function startCursor(
  store: RunStore,
  channelId: string,
  start: SubscriptionStart,
): Promise<number> {
  return (
    knownStartCursor(start) ?? Math.max(0, (await store.lastSeq(channelId)) - (start.historyLength as number))
  );
}

/** What the caller read of the run just before the subscription starts (see readRunWithFirstEvents). */
export interface ReadBefore {
  /** The run's status, read before the first events: an end it shows had its events stored already. */
  status: RunStatus;
  /** The first chunk after the start cursor, asked for together with the run. */
  firstChunk?: Promise<ChannelChunk | undefined>;
}

/**
 * The run and the first events after `cursor`, asked for together (one round trip on Redis: the run
 * is read first, on the same connection), for a subscriber that is to wait for a new run's first event
 * right after. The events are sent only once the caller has checked the run (owner); when it refuses,
 * they are dropped.
 */
export function readRunWithFirstEvents(
  store: RunStore,
  channelId: string,
  cursor: number,
  withTimes = false,
): { run: Promise<RunRecord | undefined>; firstChunk: Promise<ChannelChunk | undefined> } {
  const run = store.getRun(channelId);
  const firstChunk = sharedChunksOf(store).read(channelId, cursor, withTimes);
  // Awaited only when the run is the caller's; a refused subscription must not leave it unhandled.
  firstChunk.catch(() => undefined);
  return { run, firstChunk };
}

/**
 * One subscriber's position in a channel and what it is sending: a class rather than closures, since
 * 10,000 of them may be open at once and each holds only these fields while it waits.
 */
class ChannelSubscription implements ChunkSource {
  private readonly chunks: SharedChunks;
  /** Ends the wait under way, if any (cancel, drain). */
  private stopWaiting: (() => void) | undefined;
  private finished = false;
  // With 1,000 subscribers every wake is multiplied by 1,000, so a caught-up reader waits before it
  // reads again (instead of reading nothing first), and asks whether the run ended only on its first
  // empty read and after an idle recheck: a live run's end arrives as completeEnd, which ends it.
  private caughtUp = false;
  private checkRun = true;
  /**
   * What was read before the subscription started (the ownership check): its first chunk, and the run's
   * status that decides the first check instead of reading the run again. Each is used once.
   */
  private statusReadBefore: RunStatus | undefined;
  private firstChunk: Promise<ChannelChunk | undefined> | undefined;
  /** A large event being sent slice by slice, one slice per chunk, so a slow client holds one slice. */
  private sending: { large: Uint8Array; offset: number; chunk: ChannelChunk } | undefined;

  constructor(
    private readonly channelId: string,
    private cursor: number,
    private readonly deps: { store: RunStore; bus: ChannelBus },
    private readonly withTimes: boolean,
    readBefore: ReadBefore | undefined,
  ) {
    this.statusReadBefore = readBefore?.status;
    this.firstChunk = readBefore?.firstChunk;
    this.chunks = sharedChunksOf(deps.store);
    watchDrain();
    // Counted open until it ends or its reader goes away, whichever comes first.
    processMetrics().openSubscriptions.inc();
    openStreams += 1;
  }

  next(): Promise<Uint8Array | undefined> {
    if (this.finished) return ENDED;
    if (this.sending) return Promise.resolve(this.nextSlice());
    return this.read();
  }

  cancel(): void {
    this.sending = undefined;
    this.finish();
  }

  get ended(): boolean {
    return this.finished;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stopWaiting?.();
    processMetrics().openSubscriptions.dec();
    openStreams -= 1;
  }

  /** The next bytes to send; undefined (and finished) when the subscription ends without more. */
  private async read(): Promise<Uint8Array | undefined> {
    try {
      for (;;) {
        if (this.caughtUp) {
          if (subscriptionsClosing().aborted) return this.end();
          const waitStarted = performance.now();
          const recheckMs = idleRecheckMs();
          await this.waitForAppend(recheckMs);
          if (this.finished) return undefined;
          this.checkRun ||= performance.now() - waitStarted >= recheckMs;
        }
        const chunk = await this.takeFirstChunk();
        if (this.finished) return undefined;
        if (chunk?.large) {
          this.sending = { large: chunk.large, offset: 0, chunk };
          return this.nextSlice();
        }
        if (chunk?.bytes) {
          this.advancePast(chunk);
          return chunk.bytes;
        }
        if (this.checkRun) {
          this.checkRun = false;
          const status = this.statusReadBefore ?? (await this.deps.store.getRun(this.channelId))?.status;
          this.statusReadBefore = undefined;
          const { store } = this.deps;
          if (!status || (isEnded(status) && (await store.lastSeq(this.channelId)) <= this.cursor)) {
            return this.end();
          }
        }
        this.caughtUp = true;
      }
    } catch (error) {
      this.finish();
      throw error;
    }
  }

  private takeFirstChunk(): Promise<ChannelChunk | undefined> {
    const first = this.firstChunk;
    this.firstChunk = undefined;
    return first ?? this.chunks.read(this.channelId, this.cursor, this.withTimes);
  }

  /**
   * Until an event after the cursor is stored, recheckMs passed, or the subscription is stopped or the
   * server drains: a callback on the bus and a timer, no signal or listener per wait.
   */
  private waitForAppend(recheckMs: number): Promise<void> {
    return new Promise((resolve) => {
      // The bus never calls `done` before onAppend returns, so `forget` and `timer` are set by then. A
      // gathered wake (wake-coalescer.ts) may come after the timer or a stop already ended the wait.
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        forget!();
        waits.delete(done);
        this.stopWaiting = undefined;
        resolve();
      };
      const forget = this.deps.bus.onAppend(this.channelId, this.cursor, () => subscriberWakes.wake(done));
      if (!forget) return resolve();
      const timer = setTimeout(done, recheckMs);
      waits.add(done);
      this.stopWaiting = done;
    });
  }

  private end(): undefined {
    this.finish();
    return undefined;
  }

  private nextSlice(): Uint8Array {
    const sending = this.sending!;
    const slice = sending.large.subarray(sending.offset, sending.offset + SLICE_BYTES);
    sending.offset += SLICE_BYTES;
    if (sending.offset >= sending.large.byteLength) {
      this.sending = undefined;
      this.advancePast(sending.chunk);
    }
    return slice;
  }

  /** The chunk is sent (or its last slice is going out): the next read starts after it. */
  private advancePast(chunk: ChannelChunk): void {
    this.cursor = chunk.lastSeq;
    this.caughtUp = !chunk.full;
    // The chunk that ends the run is the last: the following next() says so without reading.
    if (chunk.ended) this.finish();
  }
}

/** A subscription's JSONL chunks from `cursor` on, pulled one at a time (the lean wire server writes them). */
export function channelSubscription(
  channelId: string,
  cursor: number,
  deps: { store: RunStore; bus: ChannelBus },
  withTimes = false,
  /** What the caller read just before, from `cursor` (the ownership check). */
  readBefore?: ReadBefore,
): ChunkSource {
  return new ChannelSubscription(channelId, cursor, deps, withTimes, readBefore);
}
