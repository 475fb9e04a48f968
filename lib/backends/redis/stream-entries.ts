// A channel's events stream as the store reads it: each entry is one stored batch (id `<first seq>-0`),
// and where the last read stopped is kept for the read that continues from there.
//
// Why: a subscriber reads at most a chunk's worth of events (2,000) at a time, which usually ends inside an
// entry (a run streaming at full speed stores 2,048 events per entry). The next read starts inside that
// entry, so it had to ask Redis for it again (an XREVRANGE beside the XRANGE) and decode it whole for the
// part not yet sent: a quarter more bytes per read with the 512-event entries of the time. A read that
// stopped at an entry's end (a subscriber caught up) knows the next entry starts right after it, and asks
// for it alone. Entries never change once added, so a kept one stays right while its run exists: it is
// used only within the retention time after it was stored, before which its run cannot expire or be
// deleted (a new run may take a deleted run's channel id and reuse its seqs).

/** One stream entry, parsed. */
export interface EventEntry {
  firstSeq: number;
  lastSeq: number;
  at: number;
  /** The events' JSON texts joined by newlines (packEventJsons). */
  body: string;
}

/** An entry as XRANGE returns it, with the fields APPEND_EVENTS writes: at, n (count), e (the events). */
export function parseEventEntry([id, fields]: [string, string[]]): EventEntry {
  const firstSeq = Number(id.slice(0, id.indexOf('-')));
  return {
    firstSeq,
    lastSeq: firstSeq + Number(fields[fields.indexOf('n') + 1]) - 1,
    at: Number(fields[fields.indexOf('at') + 1]),
    body: fields[fields.indexOf('e') + 1],
  };
}

/** Positions of at most this many channels, kept entries of this many characters in all (oldest dropped first). */
const MAX_KEPT_CHANNELS = 1_024;
const MAX_KEPT_CHARS = 16 * 1024 * 1024;

/** Where a channel's next read starts: inside a kept entry, or at the start of the next entry. */
export type ReadStart = { inside: EventEntry } | { entryStartsAt: number };

/** A read that stopped at the end of an entry: its last seq, and when the entry was stored. */
interface EntryEnd {
  lastSeq: number;
  at: number;
}

/**
 * Where each channel's last read stopped: inside an entry (kept), or at an entry's end, so that the
 * entry holding the next seq starts with it (seqs are given out without gaps, an entry at a time).
 */
export class ReadPositions {
  private readonly positions = new Map<string, EventEntry | EntryEnd>();
  private chars = 0;

  constructor(
    /** Ended runs and their events expire this long after they end (the store's retention). */
    private readonly retentionMs: number,
  ) {}

  /** What is known of the entry holding `seq`, when the channel's last read stopped just before it. */
  startOf(channelId: string, seq: number): ReadStart | undefined {
    const position = this.positions.get(channelId);
    if (!position || Date.now() >= position.at + this.retentionMs) return undefined;
    if (!('body' in position)) return position.lastSeq === seq - 1 ? { entryStartsAt: seq } : undefined;
    return position.firstSeq <= seq && seq <= position.lastSeq ? { inside: position } : undefined;
  }

  /** The channel's last read stopped inside `entry`. */
  stoppedInside(channelId: string, entry: EventEntry): void {
    if (this.positions.get(channelId) === entry) return;
    this.forget(channelId);
    if (entry.body.length > MAX_KEPT_CHARS) return;
    this.positions.set(channelId, entry);
    this.chars += entry.body.length;
    this.bound();
  }

  /** The channel's last read stopped at the end of an entry (or of one stored at `at` before it). */
  stoppedAtEnd(channelId: string, end: EntryEnd): void {
    this.forget(channelId);
    this.positions.set(channelId, { lastSeq: end.lastSeq, at: end.at });
    this.bound();
  }

  /** Nothing known (the run was deleted, or a read stopped where it cannot tell). */
  forget(channelId: string): void {
    const position = this.positions.get(channelId);
    if (position === undefined) return;
    this.positions.delete(channelId);
    if ('body' in position) this.chars -= position.body.length;
  }

  private bound(): void {
    for (const [oldest] of this.positions) {
      if (this.chars <= MAX_KEPT_CHARS && this.positions.size <= MAX_KEPT_CHANNELS) return;
      this.forget(oldest);
    }
  }
}
