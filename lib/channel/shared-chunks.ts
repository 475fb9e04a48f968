// Subscribers of one channel that stand at the same position get the same bytes: the first one reads
// the store and encodes the JSONL chunk, the others (1,000 on a busy channel) reuse it. Events never
// change once stored, so a remembered chunk is always right; at most it is not the newest.
//
// Memory is bounded in bytes, not entries: a chunk holds at most MAX_CHUNK_BYTES of lines and the
// remembered chunks together at most MAX_CACHED_BYTES. An event whose line alone is bigger (the final
// message and result of a long run are ~12 MB each) is never cached: it is encoded once and sent in
// SLICE_BYTES slices as each subscriber's client takes them. Only the subscribers sending it hold it;
// the map of large events holds it weakly, so a subscriber reaching it later reuses the same copy while
// it is still in memory (not another 12 MB each) and nothing keeps it once the senders are done.
//
// Live subscribers are fed from memory: after each group commit the writer offers the batch it just
// stored (offerAppended), and a subscriber at a position within the channel's newest events takes them
// from there instead of reading the store again. A channel's newest events are kept while someone reads
// them: a subscriber waiting for the batch, or one a few batches behind (busy sending what it read, when
// the process is loaded) that has read from them lately; a window of its newest batch and at most
// MAX_RECENT_EVENTS and MAX_RECENT_CHANNEL_BYTES, within a bound for all channels.
import { isTerminalEventJson, subscribeLineFrame, type StoredEvent, type StoredEventJson } from '../events';
import type { RunStore } from '../store/types';

export const MAX_CHUNK_BYTES = 256 * 1024;
export const MAX_CACHED_BYTES = 32 * 1024 * 1024;
const MAX_REMEMBERED = 1024;
/** The newest stored events of at most this many channels, at most this many bytes in all. */
const MAX_RECENT_CHANNELS = 10_000;
const MAX_RECENT_BYTES = 16 * 1024 * 1024;
/**
 * A channel's window of newest events: at most this many events and bytes beyond its newest batch, which
 * is always kept whole (a full-speed run's batch, up to a read's 2,000 events and MAX_CHUNK_BYTES).
 */
const MAX_RECENT_EVENTS = 512;
const MAX_RECENT_CHANNEL_BYTES = 64 * 1024;
/** A window that has grown by this many batches with nobody reading it is let go. */
const MAX_UNREAD_BATCHES = 16;
const READ_BATCH = 2_000;
export const SLICE_BYTES = 64 * 1024;

export interface ChannelChunk {
  /** The lines, or undefined when the chunk is one large event (then `large` is set). */
  bytes?: Uint8Array;
  /** One large event's line, sent in slices; the chunk is shared by every subscriber sending it. */
  large?: Uint8Array;
  /** Seq of the chunk's last event: the next read starts after it. */
  lastSeq: number;
  /** The chunk ends with completeEnd. */
  ended: boolean;
  /** The store had more events than one read takes: read again at once. */
  full: boolean;
}

interface Remembered {
  reading: Promise<ChannelChunk | undefined>;
  bytes: number;
}

const encoder = new TextEncoder();

/** The UTF-8 of texts one after another, written straight into one array (no joined string first). */
function encodeAll(texts: readonly string[]): Uint8Array {
  const bytes = new Uint8Array(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0));
  let written = 0;
  for (const text of texts) written += encoder.encodeInto(text, bytes.subarray(written)).written;
  return bytes;
}

/** A channel's newest stored events, in order and without gaps: those with seq > afterSeq. */
interface RecentEvents {
  afterSeq: number;
  events: StoredEventJson[];
  bytes: number;
  /** Batches added since a subscriber last read from the window. */
  unreadBatches: number;
}

export class SharedChunks {
  private readonly chunks = new Map<string, Remembered>();
  private readonly largeEvents = new Map<string, WeakRef<ChannelChunk>>();
  private readonly forgetCollected = new FinalizationRegistry<string>((key) => {
    if (this.largeEvents.get(key)?.deref() === undefined) this.largeEvents.delete(key);
  });
  private readonly recent = new Map<string, RecentEvents>();
  private recentBytes = 0;
  private cachedBytes = 0;

  constructor(
    private readonly store: RunStore,
    private readonly batch: number,
  ) {}

  /** Events after `cursor` as one chunk, or undefined when there are none yet. */
  /** `withTimes`: each line also carries the event's stored time (a separate chunk from the plain one). */
  /** Not an async function: every subscriber at the same position awaits the one remembered promise. */
  read(channelId: string, cursor: number, withTimes = false): Promise<ChannelChunk | undefined> {
    const key = `${channelId}\u0000${cursor}${withTimes ? '\u0000t' : ''}`;
    const large = this.largeEvents.get(key)?.deref();
    if (large) return Promise.resolve(large);
    let remembered = this.chunks.get(key);
    if (!remembered) {
      remembered = { reading: this.readFromStore(channelId, cursor, withTimes), bytes: 0 };
      this.remember(key, remembered);
    }
    return remembered.reading;
  }

  /**
   * Hands a batch just stored (in order, after the previous one) to this process's subscribers of the
   * channel, when it is worth keeping: one is waiting for it (`waiting`), it is the run's first (its
   * subscriber usually connects right after), or subscribers have lately read the channel's kept events.
   * `batch` is called only then (undefined: the batch is not at hand). A batch not kept lets the channel's
   * window go, so nothing older is ever served as the newest. Returns whether it was kept.
   */
  keepStored(
    channelId: string,
    { waiting, firstBatch }: { waiting: boolean; firstBatch: boolean },
    batch: () => readonly (StoredEvent | StoredEventJson)[] | undefined,
  ): boolean {
    const events = this.worthKeeping(channelId, waiting, firstBatch) ? batch() : undefined;
    if (!events) {
      this.dropRecent(channelId);
      return false;
    }
    return this.offer(channelId, events);
  }

  private worthKeeping(channelId: string, waiting: boolean, firstBatch: boolean): boolean {
    if (waiting || firstBatch) return true;
    const kept = this.recent.get(channelId);
    return kept !== undefined && kept.unreadBatches < MAX_UNREAD_BATCHES;
  }

  /** Keeps a batch for the subscribers reading the channel; false when it is too large to keep. */
  private offer(channelId: string, stored: readonly (StoredEvent | StoredEventJson)[]): boolean {
    const events: StoredEventJson[] = [];
    let bytes = 0;
    for (const storedEvent of stored) {
      const { seq, at } = storedEvent;
      const json = storedEvent.json ?? JSON.stringify((storedEvent as StoredEvent).event);
      bytes += json.length;
      // A batch larger than a chunk is read from the store in pieces, as before.
      if (bytes > MAX_CHUNK_BYTES) {
        this.dropRecent(channelId);
        return false;
      }
      events.push({ seq, at, json });
    }
    let window = this.recent.get(channelId);
    if (window && window.afterSeq + window.events.length === stored[0].seq - 1) {
      this.recent.delete(channelId);
      for (const event of events) window.events.push(event);
      window.bytes += bytes;
      window.unreadBatches += 1;
    } else {
      this.dropRecent(channelId);
      window = { afterSeq: stored[0].seq - 1, events, bytes, unreadBatches: 0 };
    }
    this.recentBytes += bytes - this.trimFront(window, events.length);
    // Set again, so the map's order is from the least recently stored to the most.
    this.recent.set(channelId, window);
    for (const [oldest] of this.recent) {
      if (this.recentBytes <= MAX_RECENT_BYTES && this.recent.size <= MAX_RECENT_CHANNELS) break;
      this.dropRecent(oldest);
    }
    return this.recent.has(channelId);
  }

  /**
   * A window past MAX_RECENT_EVENTS or MAX_RECENT_CHANNEL_BYTES drops its oldest events down to half of
   * both (so a full window is not copied again for every batch), never its newest batch's; returns the
   * bytes dropped.
   */
  private trimFront(window: RecentEvents, newestBatchLength: number): number {
    if (window.events.length <= MAX_RECENT_EVENTS && window.bytes <= MAX_RECENT_CHANNEL_BYTES) return 0;
    let dropped = 0;
    let droppedBytes = 0;
    while (
      dropped < window.events.length - newestBatchLength &&
      (window.events.length - dropped > MAX_RECENT_EVENTS / 2 ||
        window.bytes - droppedBytes > MAX_RECENT_CHANNEL_BYTES / 2)
    ) {
      droppedBytes += window.events[dropped].json.length;
      dropped += 1;
    }
    window.events = window.events.slice(dropped);
    window.afterSeq += dropped;
    window.bytes -= droppedBytes;
    return droppedBytes;
  }

  private dropRecent(channelId: string): void {
    const batch = this.recent.get(channelId);
    if (!batch) return;
    this.recent.delete(channelId);
    this.recentBytes -= batch.bytes;
  }

  /** Bytes held by remembered chunks (large events excluded: only their senders hold them). */
  get rememberedBytes(): number {
    return this.cachedBytes;
  }

  private remember(key: string, remembered: Remembered): void {
    this.chunks.set(key, remembered);
    remembered.reading.then(
      (chunk) => {
        // "Nothing yet" is not remembered (the next reader asks the store again), and a large event
        // is only held weakly.
        if (chunk?.large) this.holdWeakly(key, chunk);
        if (!chunk || chunk.large) return this.forget(key, remembered);
        if (this.chunks.get(key) !== remembered) return;
        remembered.bytes = chunk.bytes?.byteLength ?? 0;
        this.cachedBytes += remembered.bytes;
        this.evict();
      },
      () => this.forget(key, remembered),
    );
    if (this.chunks.size > MAX_REMEMBERED) this.evict();
  }

  private forget(key: string, remembered: Remembered): void {
    if (this.chunks.get(key) !== remembered) return;
    this.chunks.delete(key);
    this.cachedBytes -= remembered.bytes;
  }

  /** Drops the oldest remembered chunks until both bounds hold. */
  private evict(): void {
    for (const [key, remembered] of this.chunks) {
      if (this.cachedBytes <= MAX_CACHED_BYTES && this.chunks.size <= MAX_REMEMBERED) return;
      this.forget(key, remembered);
    }
  }

  private async readFromStore(
    channelId: string,
    cursor: number,
    withTimes: boolean,
  ): Promise<ChannelChunk | undefined> {
    const events =
      this.fromRecent(channelId, cursor) ??
      (await this.store.readEventJson(channelId, cursor, this.batch, MAX_CHUNK_BYTES));
    if (events.length === 0) return undefined;
    let text = '';
    let lastSeq = cursor;
    let ended = false;
    let stoppedEarly = false;
    for (const event of events) {
      const { head, tail } = subscribeLineFrame(event.seq, withTimes ? event.at : undefined);
      const length = head.length + event.json.length + tail.length;
      if (length > MAX_CHUNK_BYTES) {
        // A large event is sent on its own; chunks before it stop short of it.
        if (lastSeq === cursor) {
          const large = encodeAll([head, event.json, tail]);
          return { large, lastSeq: event.seq, ended: isTerminalEventJson(event.json), full: true };
        }
        stoppedEarly = true;
        break;
      }
      if (text.length + length > MAX_CHUNK_BYTES) {
        stoppedEarly = true;
        break;
      }
      text += head + event.json + tail;
      lastSeq = event.seq;
      if (isTerminalEventJson(event.json)) {
        ended = true;
        break;
      }
    }
    const full = stoppedEarly || events.length === this.batch;
    return { bytes: encoder.encode(text), lastSeq, ended, full };
  }

  /** The kept events after `cursor` (up to a read's batch), or undefined when memory does not have them. */
  private fromRecent(channelId: string, cursor: number): StoredEventJson[] | undefined {
    const kept = this.recent.get(channelId);
    if (!kept) return undefined;
    const from = cursor - kept.afterSeq;
    if (from < 0 || from >= kept.events.length) return undefined;
    kept.unreadBatches = 0;
    return kept.events.slice(from, from + this.batch);
  }

  private holdWeakly(key: string, chunk: ChannelChunk): void {
    this.largeEvents.set(key, new WeakRef(chunk));
    this.forgetCollected.register(chunk, key);
  }
}

// Kept on globalThis: under `npm start` the wire API (subscribers) and Next's bundle (the executor that
// offers each stored batch) are two copies of this module in one process, and must share one cache.
const SHARED_CHUNKS_KEY = Symbol.for('dispatch-studio.shared-chunks');
type GlobalWithChunks = typeof globalThis & { [SHARED_CHUNKS_KEY]?: WeakMap<RunStore, SharedChunks> };
const sharedChunksByStore = ((globalThis as GlobalWithChunks)[SHARED_CHUNKS_KEY] ??= new WeakMap());

/** The one SharedChunks of a store in this process (made by its first subscriber). */
export function sharedChunksOf(store: RunStore): SharedChunks {
  let shared = sharedChunksByStore.get(store);
  if (!shared) {
    shared = new SharedChunks(store, READ_BATCH);
    sharedChunksByStore.set(store, shared);
  }
  return shared;
}

/**
 * After a store write: hands the stored batch to this process's subscribers of the channel when they may
 * read it from memory (`waiting`: a subscriber waits for the channel's next events now).
 */
export function offerAppended(
  store: RunStore,
  channelId: string,
  stored: readonly StoredEvent[],
  knownBytes: number,
  waiting: boolean,
): void {
  const shared = sharedChunksByStore.get(store);
  if (!shared) return;
  // A batch known to be larger than a chunk is read from the store in pieces anyway: not even encoded
  // here (a run's final 12 MB message would be copied for nothing).
  const known = knownBytes <= MAX_CHUNK_BYTES;
  shared.keepStored(channelId, { waiting, firstBatch: stored[0].seq === 1 }, () => (known ? stored : undefined));
}

/**
 * The same for a batch stored by another process, as its notification carried it (Redis backend):
 * `carried` splits the notice's events only when they are kept (undefined: it carried none).
 */
export function offerStoredJson(
  store: RunStore,
  channelId: string,
  notice: { lastSeq: number; waiting: boolean; carried: () => StoredEventJson[] | undefined },
): void {
  // A run's first event (completeBegin) is stored alone.
  const firstBatch = notice.lastSeq === 1;
  sharedChunksByStore.get(store)?.keepStored(channelId, { waiting: notice.waiting, firstBatch }, notice.carried);
}
