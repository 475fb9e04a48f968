// The `appended` notification: "channel X has events up to seq N" and, when the batch is small, the
// batch itself as stored, so a web process feeds its live subscribers from the message instead of
// reading the stream again (one Redis round trip less before each event is seen, and no read at all
// per wake with thousands of channels). Larger batches are announced by ids only and read from the stream.
//
// APPEND_EVENTS (scripts.ts) publishes it as it stores the batch: `<lastSeq> <channelId>`, then for a
// carried batch `\n<at>\n<the events' JSON joined by \n>` (channel ids have no spaces or newlines, and
// JSON.stringify writes no raw newline).
import type { StoredEventJson } from '../../events';

/**
 * A batch whose JSON is longer than this is announced by ids only: every web process gets every message,
 * and a run streaming at full speed (2,048-event batches) would be sent to Redis and out again once more.
 * A paced run's batches (a token or a few) are far smaller.
 */
export const CARRIED_BATCH_MAX_CHARS = 8 * 1024;

export interface AppendedNotice {
  channelId: string;
  lastSeq: number;
  /** The batch's events when the message carried them, split only when asked for. */
  events(): StoredEventJson[] | undefined;
}

export function parseAppendedMessage(message: string): AppendedNotice {
  const space = message.indexOf(' ');
  const lastSeq = Number(message.slice(0, space));
  const idsEnd = message.indexOf('\n', space);
  const channelId = message.slice(space + 1, idsEnd < 0 ? undefined : idsEnd);
  return {
    channelId,
    lastSeq,
    events: () => (idsEnd < 0 ? undefined : carriedEvents(message, idsEnd, lastSeq)),
  };
}

function carriedEvents(message: string, idsEnd: number, lastSeq: number): StoredEventJson[] {
  const atEnd = message.indexOf('\n', idsEnd + 1);
  const at = Number(message.slice(idsEnd + 1, atEnd));
  const jsons = message.slice(atEnd + 1).split('\n');
  const firstSeq = lastSeq - jsons.length + 1;
  return jsons.map((json, index) => ({ seq: firstSeq + index, at, json }));
}
