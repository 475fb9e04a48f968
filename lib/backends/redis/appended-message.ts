// The `appended` notification: "channel X has events up to seq N" and, when the batch is small, the
// batch itself as stored, so a web process feeds its live subscribers from the message instead of
// reading the stream again (one Redis round trip less before each event is seen, and no read at all
// per wake with thousands of channels). Larger batches are announced by ids only and read from the stream.
//
// APPEND_EVENTS (scripts.ts) stores a worker's group commit, a batch for each of its live runs, and
// publishes the notices of all of them together: one message per call rather than one per run, so a web
// process decodes and handles one Redis message per commit (thousands of runs) instead of thousands.
// Notices are separated by NOTICE_SEPARATOR. Each is `<lastSeq> <channelId>`, then for a carried batch
// `\n<at>\n<the events' JSON joined by \n>` (channel ids are letters, digits, _ and -, and JSON.stringify
// writes no raw newline or other control character).
import type { StoredEventJson } from '../../events';

/**
 * A batch whose JSON is longer than this is announced by ids only: every web process gets every message,
 * and a run streaming at full speed (2,048-event batches) would be sent to Redis and out again once more.
 * A paced run's batches (a token or a few) are far smaller.
 */
export const CARRIED_BATCH_MAX_CHARS = 8 * 1024;

/** A message holds notices up to about this length; a call with more publishes several messages. */
export const MAX_NOTICES_MESSAGE_CHARS = 256 * 1024;

/** Between two notices of a message: the ASCII record separator (in Lua source, a decimal escape). */
export const NOTICE_SEPARATOR = '\x1e';
export const NOTICE_SEPARATOR_LUA = '\\30';

export interface AppendedNotice {
  channelId: string;
  lastSeq: number;
  /** The batch's events when the message carried them, split only when asked for. */
  events(): StoredEventJson[] | undefined;
}

/** The notices of one message, in the order the batches were stored. */
export function parseAppendedMessage(message: string): AppendedNotice[] {
  const notices: AppendedNotice[] = [];
  for (let start = 0; start < message.length;) {
    const separator = message.indexOf(NOTICE_SEPARATOR, start);
    const end = separator < 0 ? message.length : separator;
    notices.push(parseNotice(message.slice(start, end)));
    start = end + 1;
  }
  return notices;
}

function parseNotice(notice: string): AppendedNotice {
  const space = notice.indexOf(' ');
  const lastSeq = Number(notice.slice(0, space));
  const idsEnd = notice.indexOf('\n', space);
  const channelId = notice.slice(space + 1, idsEnd < 0 ? undefined : idsEnd);
  return {
    channelId,
    lastSeq,
    events: () => (idsEnd < 0 ? undefined : carriedEvents(notice, idsEnd, lastSeq)),
  };
}

function carriedEvents(notice: string, idsEnd: number, lastSeq: number): StoredEventJson[] {
  const atEnd = notice.indexOf('\n', idsEnd + 1);
  const at = Number(notice.slice(idsEnd + 1, atEnd));
  const jsons = notice.slice(atEnd + 1).split('\n');
  const firstSeq = lastSeq - jsons.length + 1;
  return jsons.map((json, index) => ({ seq: firstSeq + index, at, json }));
}
