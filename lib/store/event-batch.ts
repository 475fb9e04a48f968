// An appended batch of events as both backends store it (one SQLite row, one Redis stream entry): the
// events' JSON texts joined by newlines (JSON.stringify never writes a raw newline), with the seq of
// its first event.
import type { ChannelEvent, StoredEventJson } from '../events';

/**
 * The text before a token event's token, as JSON.stringify writes the event (`type`, then `data` with
 * only `token`: the shape ChannelEvent gives both kinds).
 */
const TOKEN_JSON_HEAD = {
  token: '{"type":"token","data":{"token":',
  reasoningToken: '{"type":"reasoningToken","data":{"token":',
} as const;
const TOKEN_JSON_TAIL = '}}';

/**
 * One event's JSON text, equal to JSON.stringify(event). Token events are nearly every event of a run;
 * for them only the token string is stringified and put between the fixed text around it, which takes
 * about half the time of stringifying the whole object (100,000 tokens: ~45 against ~85 ms here).
 */
export function eventJsonOf(event: ChannelEvent): string {
  if (event.type === 'token' || event.type === 'reasoningToken') {
    return TOKEN_JSON_HEAD[event.type] + JSON.stringify(event.data.token) + TOKEN_JSON_TAIL;
  }
  return JSON.stringify(event);
}

/** Each event's JSON text, as a batch stores it: kept with the stored events for live subscribers. */
export const eventJsonsOf = (events: readonly ChannelEvent[]): string[] => events.map(eventJsonOf);

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
