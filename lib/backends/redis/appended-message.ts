// The `appended` notification: "channel X has events up to seq N" and, when the batch is small, the
// batch itself as stored, so a web process feeds its live subscribers from the message instead of
// reading the stream again (one Redis round trip less before each event is seen, and no read at all
// per wake with thousands of channels). Larger batches are announced by ids only and read from the stream.
//
// A message holds the notices of one group commit (every run's batch of one event-loop turn), separated
// by RECORD_SEPARATOR. A notice is `<lastSeq> <channelId>`, then for a carried batch
// `\n<at>\n<the events' JSON joined by \n>`: channel ids have no spaces or newlines, and JSON.stringify
// writes neither a raw newline nor a raw control character such as the separator.
import type { StoredEventJson } from '../../events';

/**
 * A batch whose JSON is longer than this is announced by ids only: every web process gets every message,
 * and a run streaming at full speed (512-event batches) would send each batch twice from its worker,
 * where it costs most. A paced run's batches (a token or a few) are far smaller.
 */
export const CARRIED_BATCH_MAX_CHARS = 8 * 1024;
/** Notices are sent in messages of about this size at most. */
const MESSAGE_MAX_CHARS = 256 * 1024;
const RECORD_SEPARATOR = '\x1e';

export interface AppendedBatch {
  /** When it was stored (the stream entry's `at`). */
  at: number;
  /** The events' JSON texts joined by newlines, as the stream entry holds them, ending at lastSeq. */
  body: string;
}

export function appendedNotice(channelId: string, lastSeq: number, batch?: AppendedBatch): string {
  const ids = `${lastSeq} ${channelId}`;
  return batch && batch.body.length <= CARRIED_BATCH_MAX_CHARS ? `${ids}\n${batch.at}\n${batch.body}` : ids;
}

/** The notices joined into as few messages as their size allows. */
export function appendedMessages(notices: readonly string[]): string[] {
  const messages: string[] = [];
  let pending: string[] = [];
  let chars = 0;
  for (const notice of notices) {
    if (pending.length > 0 && chars + notice.length > MESSAGE_MAX_CHARS) {
      messages.push(pending.join(RECORD_SEPARATOR));
      pending = [];
      chars = 0;
    }
    pending.push(notice);
    chars += notice.length + 1;
  }
  if (pending.length > 0) messages.push(pending.join(RECORD_SEPARATOR));
  return messages;
}

export interface AppendedNotice {
  channelId: string;
  lastSeq: number;
  /** The batch's events when the notice carried them. */
  events?: StoredEventJson[];
}

export function parseAppendedMessage(message: string): AppendedNotice[] {
  return message.split(RECORD_SEPARATOR).map(parseNotice);
}

function parseNotice(notice: string): AppendedNotice {
  const space = notice.indexOf(' ');
  const lastSeq = Number(notice.slice(0, space));
  const idsEnd = notice.indexOf('\n', space);
  if (idsEnd < 0) return { channelId: notice.slice(space + 1), lastSeq };
  const atEnd = notice.indexOf('\n', idsEnd + 1);
  const at = Number(notice.slice(idsEnd + 1, atEnd));
  const jsons = notice.slice(atEnd + 1).split('\n');
  const firstSeq = lastSeq - jsons.length + 1;
  return {
    channelId: notice.slice(space + 1, idsEnd),
    lastSeq,
    events: jsons.map((json, index) => ({ seq: firstSeq + index, at, json })),
  };
}
