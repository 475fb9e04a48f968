// A channel's events in the SQLite file: one row per append (a batch of events with consecutive seqs),
// under a small integer key per channel (channel_keys) rather than the channel id itself.
//
// Why the key: a group commit of 1,000 live runs adds one entry per run to the index on
// (channel, first_seq), each at its channel's own place. With a 36-character id in every entry the index
// was ~4 times larger, so a commit dirtied ~4 times the pages, and each insert first looked the channel's
// last seq up through the index and the table. Now the last seq of a channel being written is
// remembered: a commit row is one insert (16.8-16.9 → 4.6-6.0 µs of CPU per row, bench figure `commit`).
//
// What is remembered (channel keys, last seqs) is only ever a copy of what the file holds: it is
// forgotten when a transaction that wrote it fails (forgetRemembered), when retention deletes channels,
// and, should another connection have written a channel meanwhile, the unique index refuses the
// duplicate seq and the append is made again from the file (SqliteRunStore).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { StoredEventJson } from '../../events';
import { unpackEventBatch } from '../../store/event-batch';
import type { Statements } from './statements';

export const EVENT_BATCHES_SCHEMA = `
CREATE TABLE IF NOT EXISTS channel_keys (
  key INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL UNIQUE
);
-- In stored order: a group commit appends its rows to the table's last pages.
CREATE TABLE IF NOT EXISTS event_batches (
  id INTEGER PRIMARY KEY,
  channel_key INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL
);`;

/** Made after the move from earlier shapes (their event_batches has no channel_key to index). */
const EVENT_BATCHES_INDEX =
  'CREATE UNIQUE INDEX IF NOT EXISTS event_batches_by_channel ON event_batches (channel_key, first_seq)';

/** Channels whose key and last seq are remembered; the longest unused are forgotten first. */
const MAX_REMEMBERED_CHANNELS = 20_000;

const keyRow = z.object({ key: z.number() });
const seqRow = z.object({ seq: z.number() });
const bodyRow = z.object({ body: z.string() });
const batchRow = z.object({ first_seq: z.number(), at: z.number(), body: z.string() });
const batchSizeRow = z.object({
  first_seq: z.number(),
  at: z.number(),
  /** length(body): characters, which is bytes for the (mostly ASCII) JSON; counted by SQLite, not loaded into JS. */
  size: z.number(),
});
const columnRow = z.object({ name: z.string() });
const tableRow = z.object({ name: z.string() });

/** From the batch holding seq after+1 on (an index seek on first_seq), in order. */
const FROM_BATCH_AFTER = `FROM event_batches WHERE channel_key = @key AND first_seq >= (
  SELECT COALESCE(MAX(first_seq), 0) FROM event_batches WHERE channel_key = @key AND first_seq <= @afterSeq + 1
) ORDER BY first_seq`;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key); // re-inserted last: the map's order is the order of use
  map.set(key, value);
  if (map.size > MAX_REMEMBERED_CHANNELS) map.delete(map.keys().next().value as K);
}

export class EventBatches {
  private readonly keys = new Map<string, number>();
  private readonly lastSeqs = new Map<number, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: Statements,
  ) {}

  /**
   * Files from earlier builds: event_batches keyed by channel id (a rowid table, or WITHOUT ROWID
   * before that) moves to channel keys in stored order; one row per event (table `events`) moves into
   * batches of one. Then the index is made.
   */
  migrate(): void {
    const columns = this.sql.query('PRAGMA table_info(event_batches)', columnRow).all();
    if (columns.some((column) => column.name === 'channel_id')) {
      this.db.transaction(() => {
        this.db.exec('ALTER TABLE event_batches RENAME TO event_batches_by_channel_id');
        // The renamed table keeps its index, and with it the name the new index takes.
        this.db.exec('DROP INDEX IF EXISTS event_batches_by_channel');
        this.db.exec(EVENT_BATCHES_SCHEMA);
        this.db.exec(`INSERT OR IGNORE INTO channel_keys (channel_id)
                      SELECT channel_id FROM event_batches_by_channel_id GROUP BY channel_id ORDER BY MIN(at), channel_id`);
        this.db.exec(`INSERT INTO event_batches (channel_key, first_seq, last_seq, at, body)
                      SELECT keys.key, old.first_seq, old.last_seq, old.at, old.body
                      FROM event_batches_by_channel_id AS old JOIN channel_keys AS keys USING (channel_id)
                      ORDER BY old.at, keys.key, old.first_seq`);
        this.db.exec('DROP TABLE event_batches_by_channel_id');
      })();
    }
    this.db.exec(EVENT_BATCHES_INDEX);
    const eventRows = this.sql
      .query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'", tableRow)
      .get();
    if (eventRows) {
      this.db.transaction(() => {
        this.db.exec(
          'INSERT OR IGNORE INTO channel_keys (channel_id) SELECT DISTINCT channel_id FROM events',
        );
        this.db.exec(`INSERT OR IGNORE INTO event_batches (channel_key, first_seq, last_seq, at, body)
                      SELECT keys.key, seq, seq, at, body FROM events JOIN channel_keys AS keys USING (channel_id)
                      ORDER BY at, keys.key, seq`);
        this.db.exec('DROP TABLE events');
      })();
    }
  }

  /** Inside a transaction: stores `count` events (their packed JSON) after the channel's last seq; returns the first seq. */
  insert(channelId: string, body: string, count: number, at: number): number {
    const key = this.keyFor(channelId);
    const last = this.lastSeqs.get(key) ?? this.selectLastSeq(key);
    this.sql
      .statement(
        'INSERT INTO event_batches (channel_key, first_seq, last_seq, at, body) VALUES (?, ?, ?, ?, ?)',
      )
      .run(key, last + 1, last + count, at, body);
    remember(this.lastSeqs, key, last + count);
    return last + 1;
  }

  /**
   * As insert, but only while the channel's run is in one of `statuses` (checked by SQLite within the
   * insert: one statement, not a read before it); undefined when nothing was stored.
   */
  insertWhileRunIs(
    channelId: string,
    body: string,
    count: number,
    at: number,
    statuses: readonly string[],
  ): number | undefined {
    const key = this.keyFor(channelId);
    const last = this.lastSeqs.get(key) ?? this.selectLastSeq(key);
    const { changes } = this.sql
      .statement(
        'INSERT INTO event_batches (channel_key, first_seq, last_seq, at, body) SELECT ?, ?, ?, ?, ? ' +
          `WHERE (SELECT status FROM runs WHERE channel_id = ?) IN (${statuses.map(() => '?').join(', ')})`,
      )
      .run(key, last + 1, last + count, at, body, channelId, ...statuses);
    if (changes === 0) return undefined;
    remember(this.lastSeqs, key, last + count);
    return last + 1;
  }

  lastSeq(channelId: string): number {
    const key = this.keyOf(channelId);
    if (key === undefined) return 0;
    const remembered = this.lastSeqs.get(key);
    if (remembered !== undefined) return remembered;
    const last = this.selectLastSeq(key);
    remember(this.lastSeqs, key, last);
    return last;
  }

  /** Events after `afterSeq`, at most `limit`, in seq order. */
  readJson(channelId: string, afterSeq: number, limit: number): StoredEventJson[] {
    const events: StoredEventJson[] = [];
    const key = this.keyOf(channelId);
    if (key === undefined) return events;
    for (const row of this.sql
      .query(`SELECT first_seq, at, body ${FROM_BATCH_AFTER}`, batchRow)
      .iterate({ key, afterSeq })) {
      if (unpackEventBatch({ firstSeq: row.first_seq, at: row.at, body: row.body }, afterSeq, events, limit))
        break;
    }
    return events;
  }

  /** The same within `maxBytes` (at least one batch): sizes first, a large batch past the budget is never loaded. */
  readJsonWithin(channelId: string, afterSeq: number, limit: number, maxBytes: number): StoredEventJson[] {
    const events: StoredEventJson[] = [];
    const key = this.keyOf(channelId);
    if (key === undefined) return events;
    let bytes = 0;
    const sizes = this.sql.query(
      `SELECT first_seq, at, length(body) AS size ${FROM_BATCH_AFTER}`,
      batchSizeRow,
    );
    const batchBody = this.sql.query(
      'SELECT body FROM event_batches WHERE channel_key = ? AND first_seq = ?',
      bodyRow,
    );
    for (const row of sizes.iterate({ key, afterSeq })) {
      if (events.length > 0 && bytes + row.size > maxBytes) break;
      const batch = batchBody.get(key, row.first_seq);
      if (!batch) break;
      bytes += row.size;
      if (
        unpackEventBatch({ firstSeq: row.first_seq, at: row.at, body: batch.body }, afterSeq, events, limit)
      )
        break;
    }
    return events;
  }

  /** Inside retention's transaction: the events and keys of the channels `channelIdsSql` selects. */
  deleteChannels(channelIdsSql: string, ...params: unknown[]): void {
    this.sql
      .statement(
        `DELETE FROM event_batches WHERE channel_key IN (SELECT key FROM channel_keys WHERE channel_id IN (${channelIdsSql}))`,
      )
      .run(...params);
    this.sql.statement(`DELETE FROM channel_keys WHERE channel_id IN (${channelIdsSql})`).run(...params);
    this.forgetRemembered();
  }

  /** After a failed transaction, or when the file may have changed underneath: read everything afresh. */
  forgetRemembered(): void {
    this.keys.clear();
    this.lastSeqs.clear();
  }

  private keyOf(channelId: string): number | undefined {
    const remembered = this.keys.get(channelId);
    if (remembered !== undefined) return remembered;
    const key = this.sql
      .query('SELECT key FROM channel_keys WHERE channel_id = ?', keyRow)
      .get(channelId)?.key;
    if (key !== undefined) remember(this.keys, channelId, key);
    return key;
  }

  private keyFor(channelId: string): number {
    const existing = this.keyOf(channelId);
    if (existing !== undefined) return existing;
    const key = keyRow.parse(
      this.sql.statement('INSERT INTO channel_keys (channel_id) VALUES (?) RETURNING key').get(channelId),
    ).key;
    remember(this.keys, channelId, key);
    remember(this.lastSeqs, key, 0);
    return key;
  }

  // The newest batch holds the last seq: an index seek, not a scan of the channel's batches.
  private selectLastSeq(key: number): number {
    return (
      this.sql
        .query(
          'SELECT last_seq AS seq FROM event_batches WHERE channel_key = ? ORDER BY first_seq DESC LIMIT 1',
          seqRow,
        )
        .get(key)?.seq ?? 0
    );
  }
}
