// Buffers a run's events and stores them in batches: one transaction per turn of the event loop
// (or per full buffer) instead of one per token, then wakes subscribers. Stored before seen, always.
import { MAX_CHUNK_BYTES } from '../channel/shared-chunks';
import type { ChannelEvent } from '../events';
import { processMetrics } from '../metrics/registry';
import type { ChannelBus, RunPatch, RunStore } from '../store/types';

const MAX_BUFFERED_EVENTS = 512;
/** Also flush past this many bytes, so a stored batch (read whole by subscribers) stays small. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * An event larger than a subscribe chunk (a long run's final message and result, ~12 MB each) is stored
 * as a batch of its own. A batch is read whole, so a subscriber resuming at one of the small events before it would
 * otherwise load the large one too, each subscriber on its own (each resumes at a different seq);
 * alone, it is read only by those sending it, once for all of them (lib/channel/shared-chunks.ts).
 */
const OWN_BATCH_BYTES = MAX_CHUNK_BYTES;

export class EventWriter {
  private buffer: ChannelEvent[] = [];
  private bufferedBytes = 0;
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  /** Token events written so far, and how many of them the run record already shows. */
  private tokens = 0;
  private storedTokens = 0;

  constructor(
    private readonly channelId: string,
    private readonly store: RunStore,
    private readonly bus: ChannelBus,
  ) {}

  /**
   * Queues an event (`size`: its stored bytes, when the caller counted them); returns a promise only
   * when the buffer is full, so awaiting callers yield.
   */
  write(event: ChannelEvent, size = 0): void | Promise<void> {
    const alone = size >= OWN_BATCH_BYTES;
    // A failure here also fails the flush below (it waits for this one), which the caller sees.
    if (alone && this.buffer.length > 0) this.flush().catch(() => undefined);
    this.buffer.push(event);
    if (event.type === 'token') this.tokens += 1;
    this.bufferedBytes += size;
    if (alone || this.buffer.length >= MAX_BUFFERED_EVENTS || this.bufferedBytes >= MAX_BUFFERED_BYTES)
      return this.flush().then(yieldToEventLoop);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush().catch(() => undefined));
    }
  }

  /** Token events written so far: the run's output tokens until the engine reports usage. */
  get tokenCount(): number {
    return this.tokens;
  }

  /**
   * Stores everything written so far; resolves when it is durable and subscribers were woken.
   * `runPatch` is stored atomically with the batch (ending a run together with its completeEnd).
   * A batch with tokens also stores the count so far, so lists show live and cancelled runs' tokens.
   */
  flush(runPatch?: RunPatch): Promise<void> {
    this.scheduled = false;
    const batch = this.buffer;
    this.buffer = [];
    const tokens = this.tokens;
    const patch = tokens !== this.storedTokens ? { outputTokens: tokens, ...runPatch } : runPatch;
    this.storedTokens = tokens;
    this.bufferedBytes = 0;
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0 && !patch) return;
      const stored = await this.store.appendEvents(this.channelId, batch, patch);
      processMetrics().eventsAppended.inc(stored.length);
      if (stored.length === 0) return;
      this.bus.notifyAppended(this.channelId, stored[stored.length - 1].seq);
    });
    return this.flushing;
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
