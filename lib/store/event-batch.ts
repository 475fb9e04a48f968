// An appended batch of events as both backends store it (one SQLite row, one Redis stream entry): the
// events' JSON texts joined by newlines (JSON.stringify never writes a raw newline), with the seq of
// its first event.
import type { ChannelEvent, StoredEventJson } from '../events';

/** Each event's JSON text, as a batch stores it: kept with the stored events for live subscribers. */
export const eventJsonsOf = (events: readonly ChannelEvent[]): string[] =>
  events.map((event) => JSON.stringify(event));

export const packEventJsons = (jsons: readonly string[]): string => jsons.join('\n');

/**
 * Adds the batch's events with seq > afterSeq to `into`, stopping at `limit` events in all; says
 * whether `into` is full.
 */
export function unpackEventBatch(
  batch: { firstSeq: number; at: number; body: string },
  afterSeq: number,
  into: StoredEventJson[],
  limit: number,
): boolean {
  let seq = batch.firstSeq;
  for (const json of batch.body.split('\n')) {
    if (seq > afterSeq) into.push({ seq, at: batch.at, json });
    if (into.length === limit) return true;
    seq += 1;
  }
  return false;
}
