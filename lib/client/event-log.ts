// The raw events of a channel, kept compactly for the events list. A run is mostly tokens, and
// 100,000 events kept as objects (the event, its data, its time) are some 400,000 objects for the
// garbage collector to trace on every full collection: long pauses on a long run. Here a chunk keeps
// seqs and times in typed arrays and a token event as its text alone; the events list rebuilds the
// few rows it shows. Appending is O(batch) and versions share chunks, as in append-only-list.
import type { ChannelEvent, StoredEvent } from '../events';

const CHUNK_SIZE = 1024;

interface EventChunk {
  seqs: Float64Array;
  ats: Float64Array;
  /** A token event's text, or any other event as it came. */
  events: (string | ChannelEvent)[];
}

export interface EventLog {
  readonly chunks: EventChunk[];
  readonly length: number;
}

export const emptyEventLog = (): EventLog => ({ chunks: [], length: 0 });

export function appendEvents(log: EventLog, events: readonly StoredEvent[]): EventLog {
  if (events.length === 0) return log;
  const { chunks } = log;
  let length = log.length;
  for (const { seq, at, event } of events) {
    const chunk = (chunks[Math.floor(length / CHUNK_SIZE)] ??= {
      seqs: new Float64Array(CHUNK_SIZE),
      ats: new Float64Array(CHUNK_SIZE),
      events: [],
    });
    const index = length % CHUNK_SIZE;
    chunk.seqs[index] = seq;
    chunk.ats[index] = at;
    chunk.events[index] = event.type === 'token' ? event.data.token : event;
    length += 1;
  }
  return { chunks, length };
}

/** Events from `from` up to (not including) `to`, rebuilt as stored events. */
export function sliceEvents(log: EventLog, from: number, to = log.length): StoredEvent[] {
  const stored: StoredEvent[] = [];
  const end = Math.min(to, log.length);
  for (let position = Math.max(0, from); position < end; position += 1) {
    const chunk = log.chunks[Math.floor(position / CHUNK_SIZE)];
    const index = position % CHUNK_SIZE;
    const event = chunk.events[index];
    stored.push({
      seq: chunk.seqs[index],
      at: chunk.ats[index],
      event: typeof event === 'string' ? { type: 'token', data: { token: event } } : event,
    });
  }
  return stored;
}
