// Subscribers of one channel that stand at the same position get the same bytes: the first one reads
// the store and encodes the JSONL chunk, the others (1,000 on a busy channel) reuse it. Events never
// change once stored, so a remembered chunk is always right; at most it is not the newest.
import { isTerminalEventJson, subscribeLine } from '../events';
import type { RunStore } from '../store/types';

export interface ChannelChunk {
  bytes: Uint8Array;
  /** Seq of the chunk's last event: the next read starts after it. */
  lastSeq: number;
  /** The chunk ends with completeEnd. */
  ended: boolean;
  /** The store had more events than one read takes. */
  full: boolean;
}

const MAX_REMEMBERED = 512;
const encoder = new TextEncoder();

export class SharedChunks {
  private readonly chunks = new Map<string, Promise<ChannelChunk | undefined>>();

  constructor(
    private readonly store: RunStore,
    private readonly batch: number,
  ) {}

  /** Events after `cursor` as one chunk, or undefined when there are none yet. */
  read(channelId: string, cursor: number, withTimes = false): Promise<ChannelChunk | undefined> {
    const key = `${channelId}\u0000${cursor}${withTimes ? '\u0000t' : ''}`;
    const remembered = this.chunks.get(key);
    if (remembered) return remembered;
    const reading = this.readFromStore(channelId, cursor, withTimes);
    this.chunks.set(key, reading);
    if (this.chunks.size > MAX_REMEMBERED) this.chunks.delete(this.chunks.keys().next().value as string);
    // "Nothing yet" and failures are not remembered: the next reader asks the store again.
    reading.then(
      (chunk) => chunk || this.chunks.delete(key),
      () => this.chunks.delete(key),
    );
    return reading;
  }

  private async readFromStore(
    channelId: string,
    cursor: number,
    withTimes: boolean,
  ): Promise<ChannelChunk | undefined> {
    const events = await this.store.readEventJson(channelId, cursor, this.batch);
    if (events.length === 0) return undefined;
    let text = '';
    let lastSeq = cursor;
    let ended = false;
    for (const event of events) {
      text += subscribeLine(event.seq, event.json, withTimes ? event.at : undefined);
      lastSeq = event.seq;
      if (isTerminalEventJson(event.json)) {
        ended = true;
        break;
      }
    }
    return { bytes: encoder.encode(text), lastSeq, ended, full: events.length === this.batch };
  }
}
