// Embedded store: one SQLite file under DATA_DIR (WAL). Every SQL statement of the product lives here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../errors';
import { parseStoredEvent, type ChannelEvent, type StoredEvent, type StoredEventJson } from '../../events';
import type { NewRun, RunListPage, RunListQuery, RunPatch, RunRecord, RunStore } from '../../store/types';
import type { RunStatus } from '../../run-status';
import { decodeRunCursor, encodeRunCursor } from '../../store/cursor';
import { packEventBatch, unpackEventBatch } from '../../store/event-batch';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  channel_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  engine TEXT NOT NULL,
  model TEXT NOT NULL,
  request TEXT NOT NULL,
  timezone TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  first_token_at INTEGER,
  ended_at INTEGER,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  retry_of TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_owner ON runs (owner, created_at DESC, channel_id DESC);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status);
-- One row per appended batch (a turn's burst of tokens is one row, not hundreds): body holds the
-- batch's events as JSON texts joined by newlines (JSON.stringify never writes a raw newline).
CREATE TABLE IF NOT EXISTS event_batches (
  channel_id TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (channel_id, first_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channel_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  message TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS channel_messages_by_channel ON channel_messages (channel, id);

CREATE TABLE IF NOT EXISTS revoked_sessions (
  session_id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

interface BatchRow {
  first_seq: number;
  at: number;
  body: string;
}

interface BatchSizeRow {
  first_seq: number;
  at: number;
  /** length(body): characters, which is bytes for the (mostly ASCII) JSON; counted by SQLite, not loaded into JS. */
  size: number;
}

interface RunRow {
  channel_id: string;
  owner: string;
  status: RunStatus;
  engine: string;
  model: string;
  request: string;
  timezone: string;
  title: string;
  created_at: number;
  started_at: number | null;
  first_token_at: number | null;
  ended_at: number | null;
  output_tokens: number;
  error: string | null;
  retry_of: string | null;
}

const PATCH_COLUMNS: Record<keyof RunPatch, string> = {
  status: 'status',
  startedAt: 'started_at',
  firstTokenAt: 'first_token_at',
  endedAt: 'ended_at',
  outputTokens: 'output_tokens',
  error: 'error',
};

function toRecord(row: RunRow): RunRecord {
  return {
    channelId: row.channel_id,
    owner: row.owner,
    status: row.status,
    engine: row.engine,
    model: row.model,
    request: JSON.parse(row.request),
    timezone: row.timezone,
    title: row.title,
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    firstTokenAt: row.first_token_at ?? undefined,
    endedAt: row.ended_at ?? undefined,
    outputTokens: row.output_tokens,
    error: row.error ?? undefined,
    retryOf: row.retry_of ?? undefined,
  };
}

function patchAssignments(patch: RunPatch): { sql: string; values: unknown[] } {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [
    keyof RunPatch,
    unknown,
  ][];
  return {
    sql: entries.map(([key]) => `${PATCH_COLUMNS[key]} = ?`).join(', '),
    values: entries.map(([, value]) => value),
  };
}

export class SqliteRunStore implements RunStore {
  private readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly selectLastSeq: Database.Statement;
  private readonly selectEvents: Database.Statement;
  private readonly selectBatchSizes: Database.Statement;
  private readonly selectBatchBody: Database.Statement;
  private readonly selectStatus: Database.Statement;
  private readonly appendTransaction: (
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ) => StoredEvent[];

  /** `readonly` opens an existing file beside the server that writes it (tools, tests, benchmarks). */
  constructor(file: string, options: { readonly?: boolean } = {}) {
    if (options.readonly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode keeps the file consistent after a crash; only the last commits may be lost on power loss.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      this.migrateEventRows();
    }
    this.insertEvent = this.db.prepare(
      'INSERT INTO event_batches (channel_id, first_seq, last_seq, at, body) VALUES (?, ?, ?, ?, ?)',
    );
    // The newest batch holds the last seq: an index seek, not a scan of the channel's batches.
    this.selectLastSeq = this.db.prepare(
      'SELECT last_seq AS seq FROM event_batches WHERE channel_id = ? ORDER BY first_seq DESC LIMIT 1',
    );
    // From the batch holding seq after+1 on (found by an index seek on first_seq), in order.
    this.selectEvents = this.db.prepare(
      `SELECT first_seq, at, body FROM event_batches WHERE channel_id = @channelId AND first_seq >= (
         SELECT COALESCE(MAX(first_seq), 0) FROM event_batches WHERE channel_id = @channelId AND first_seq <= @afterSeq + 1
       ) ORDER BY first_seq`,
    );
    this.selectBatchSizes = this.db.prepare(
      `SELECT first_seq, at, length(body) AS size FROM event_batches WHERE channel_id = @channelId AND first_seq >= (
         SELECT COALESCE(MAX(first_seq), 0) FROM event_batches WHERE channel_id = @channelId AND first_seq <= @afterSeq + 1
       ) ORDER BY first_seq`,
    );
    this.selectBatchBody = this.db
      .prepare('SELECT body FROM event_batches WHERE channel_id = ? AND first_seq = ?')
      .pluck();
    this.selectStatus = this.db.prepare('SELECT status FROM runs WHERE channel_id = ?');
    this.appendTransaction = this.db.transaction(
      (
        channelId: string,
        events: ChannelEvent[],
        runPatch?: RunPatch,
        onlyIfStatus?: readonly RunStatus[],
      ) => {
        if (onlyIfStatus) {
          const row = this.selectStatus.get(channelId) as { status: RunStatus } | undefined;
          if (!row || !onlyIfStatus.includes(row.status)) return [];
        }
        let seq = this.lastSeqSync(channelId);
        const at = Date.now();
        const stored = events.map((event) => ({ seq: ++seq, at, event }));
        if (stored.length > 0) {
          this.insertEvent.run(channelId, stored[0].seq, seq, at, packEventBatch(events));
        }
        if (runPatch) this.updateRunSync(channelId, runPatch);
        return stored;
      },
    );
  }

  /** Files from builds that stored one row per event (table `events`) move them into batches of one. */
  private migrateEventRows(): void {
    const old = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .get();
    if (!old) return;
    this.db.transaction(() => {
      this.db.exec(`INSERT OR IGNORE INTO event_batches (channel_id, first_seq, last_seq, at, body)
                    SELECT channel_id, seq, seq, at, body FROM events`);
      this.db.exec('DROP TABLE events');
    })();
  }

  private lastSeqSync(channelId: string): number {
    return (this.selectLastSeq.get(channelId) as { seq: number } | undefined)?.seq ?? 0;
  }

  async createRun(run: NewRun): Promise<void> {
    try {
      this.db
        .prepare(
          `INSERT INTO runs (channel_id, owner, status, engine, model, request, timezone, title, created_at, retry_of)
           VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.channelId,
          run.owner,
          run.engine,
          run.model,
          JSON.stringify(run.request),
          run.timezone,
          run.title,
          run.createdAt,
          run.retryOf ?? null,
        );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new ApiError('CONFLICT', `Channel ${run.channelId} is already in use`);
      }
      throw error;
    }
  }

  async getRun(channelId: string): Promise<RunRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM runs WHERE channel_id = ?').get(channelId) as
      RunRow | undefined;
    return row && toRecord(row);
  }

  async updateRun(channelId: string, patch: RunPatch): Promise<void> {
    this.updateRunSync(channelId, patch);
  }

  private updateRunSync(channelId: string, patch: RunPatch): void {
    const { sql, values } = patchAssignments(patch);
    if (!sql) return;
    this.db.prepare(`UPDATE runs SET ${sql} WHERE channel_id = ?`).run(...values, channelId);
  }

  async transitionRun(
    channelId: string,
    from: readonly RunStatus[],
    patch: RunPatch & { status: RunStatus },
  ): Promise<boolean> {
    const { sql, values } = patchAssignments(patch);
    const placeholders = from.map(() => '?').join(', ');
    const result = this.db
      .prepare(`UPDATE runs SET ${sql} WHERE channel_id = ? AND status IN (${placeholders})`)
      .run(...values, channelId, ...from);
    return result.changes === 1;
  }

  async listRuns(query: RunListQuery): Promise<RunListPage> {
    const conditions = ['owner = ?'];
    const values: unknown[] = [query.owner];
    if (query.status) {
      conditions.push('status = ?');
      values.push(query.status);
    }
    const cursor = query.cursor ? decodeRunCursor(query.cursor) : undefined;
    if (cursor) {
      conditions.push('(created_at < ? OR (created_at = ? AND channel_id < ?))');
      values.push(cursor.createdAt, cursor.createdAt, cursor.channelId);
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM runs WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, channel_id DESC LIMIT ?`,
      )
      .all(...values, query.limit + 1) as RunRow[];
    const items = rows.slice(0, query.limit).map(toRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? encodeRunCursor(last) : undefined };
  }

  async findRunsByStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]> {
    const placeholders = statuses.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT * FROM runs WHERE status IN (${placeholders}) ORDER BY created_at, channel_id`)
      .all(...statuses) as RunRow[];
    return rows.map(toRecord);
  }

  async appendEvents(
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ): Promise<StoredEvent[]> {
    return this.appendTransaction(channelId, events, runPatch, onlyIfStatus);
  }

  async readEvents(channelId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return (await this.readEventJson(channelId, afterSeq, limit)).map(parseStoredEvent);
  }

  async readEventJson(
    channelId: string,
    afterSeq: number,
    limit: number,
    maxBytes?: number,
  ): Promise<StoredEventJson[]> {
    if (maxBytes !== undefined) return this.readEventJsonWithin(channelId, afterSeq, limit, maxBytes);
    const events: StoredEventJson[] = [];
    for (const row of this.selectEvents.iterate({ channelId, afterSeq }) as Iterable<BatchRow>) {
      if (unpackEventBatch({ firstSeq: row.first_seq, at: row.at, body: row.body }, afterSeq, events, limit))
        break;
    }
    return events;
  }

  /** Sizes first, bodies only for the batches that fit: a large batch past the budget is never loaded. */
  private readEventJsonWithin(
    channelId: string,
    afterSeq: number,
    limit: number,
    maxBytes: number,
  ): StoredEventJson[] {
    const events: StoredEventJson[] = [];
    let bytes = 0;
    for (const row of this.selectBatchSizes.iterate({ channelId, afterSeq }) as Iterable<BatchSizeRow>) {
      if (events.length > 0 && bytes + row.size > maxBytes) break;
      const body = this.selectBatchBody.get(channelId, row.first_seq) as string;
      bytes += row.size;
      if (unpackEventBatch({ firstSeq: row.first_seq, at: row.at, body }, afterSeq, events, limit)) break;
    }
    return events;
  }

  async lastSeq(channelId: string): Promise<number> {
    return this.lastSeqSync(channelId);
  }

  /** Mailboxes keep the table name channel_messages from before the rename (no migration needed). */
  async putMailboxMessage(mailbox: string, message: unknown): Promise<void> {
    this.db
      .prepare('INSERT INTO channel_messages (channel, message, at) VALUES (?, ?, ?)')
      .run(mailbox, JSON.stringify(message), Date.now());
  }

  async takeMailboxMessage(mailbox: string): Promise<{ message: unknown } | undefined> {
    const row = this.db
      .prepare(
        'DELETE FROM channel_messages WHERE id = (SELECT MIN(id) FROM channel_messages WHERE channel = ?) RETURNING message',
      )
      .get(mailbox) as { message: string } | undefined;
    return row && { message: JSON.parse(row.message) };
  }

  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO revoked_sessions (session_id, expires_at) VALUES (?, ?)')
      .run(sessionId, expiresAt);
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    return (
      this.db.prepare('SELECT 1 FROM revoked_sessions WHERE session_id = ?').get(sessionId) !== undefined
    );
  }

  async deleteEndedBefore(endedBefore: number): Promise<number> {
    this.db.prepare('DELETE FROM revoked_sessions WHERE expires_at < ?').run(Date.now());
    const remove = this.db.transaction(() => {
      this.db
        .prepare(
          'DELETE FROM event_batches WHERE channel_id IN (SELECT channel_id FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?)',
        )
        .run(endedBefore);
      this.db.prepare('DELETE FROM channel_messages WHERE at < ?').run(endedBefore);
      return this.db.prepare('DELETE FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?').run(endedBefore)
        .changes;
    });
    return remove();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
