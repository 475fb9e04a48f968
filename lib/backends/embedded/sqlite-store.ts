// Embedded store: one SQLite file under DATA_DIR (WAL). Every SQL statement of the product lives here.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { RequestParts, REQUEST_PARTS_SCHEMA, type StoredRequestHead } from './request-parts';
import type { ChannelEvent, StoredEvent, StoredEventJson } from '../../events';
import {
  NOTICE_STATUSES,
  waiterMailbox,
  type NewRun,
  type NoticeStatus,
  type OverviewBucket,
  type RunListPage,
  type RunListQuery,
  type RunNotice,
  type RunPatch,
  type RunRecord,
  type RunStore,
  type AppendResult,
  type EventAppend,
  asError,
} from '../../store/types';
import { RUN_STATUSES, type RunStatus } from '../../run-status';
import { queueFullError, type QueueRoom } from '../../runs/queue';
import { openDatabase } from './database';
import { Statements } from './statements';
import { EVENT_BATCHES_SCHEMA, EventBatches } from './event-batches';
import { checkpointOffThread } from './wal-checkpointer';
import {
  BUCKET_KEEP_MS,
  BUCKET_SIZES_MS,
  bucketStart,
  CREATED_FIELD,
  endedRunIncrements,
} from '../../store/overview-buckets';
import { functionNamesOf, normalizeSearch, searchTextOf } from '../../store/run-search';
import { isExperimentCell } from '../../store/run-source';
import { decodeRunCursor, encodeRunCursor } from '../../store/cursor';
import { eventJsonsOf, packEventJsons } from '../../store/event-batch';
import { withLazyRequest } from '../../store/lazy-request';

const SCHEMA = `
-- Files are created in this first shape and migrated forward (search_text, function_names, request moved).
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
-- A run's request (~3 MB of JSON for the largest datasets) in a table of its own: SQLite rewrites a
-- whole row on UPDATE, so in \`runs\` every status change and token count rewrote the request too.
CREATE TABLE IF NOT EXISTS run_requests (
  channel_id TEXT PRIMARY KEY,
  request TEXT NOT NULL,
  -- the request's later parts, when it is large (request-parts.ts); request holds the first
  parts_key TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_owner ON runs (owner, created_at DESC, channel_id DESC);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status);
-- One row per appended batch (a turn's burst of tokens is one row, not hundreds): body holds the
-- batch's events as JSON texts joined by newlines (JSON.stringify never writes a raw newline).
-- The tables and their index: event-batches.ts.
${EVENT_BATCHES_SCHEMA}
CREATE TABLE IF NOT EXISTS channel_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL,
  message TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS channel_messages_by_channel ON channel_messages (channel, id);
-- Runs (or /complete requests) waiting on a mailbox now; lease_until lapses if their process died.
CREATE TABLE IF NOT EXISTS channel_waiters (
  mailbox TEXT NOT NULL,
  waiter TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  PRIMARY KEY (mailbox, waiter)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS revoked_sessions (
  session_id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_owner_status ON runs (owner, status);
-- Status changes journaled with the change itself (toasts and the webhook outbox read them).
CREATE TABLE IF NOT EXISTS run_notices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  model TEXT NOT NULL,
  output_tokens INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  error TEXT
);
-- Overview counters per owner and time bucket (lib/store/overview-buckets.ts).
CREATE TABLE IF NOT EXISTS overview_buckets (
  owner TEXT NOT NULL,
  size_ms INTEGER NOT NULL,
  start INTEGER NOT NULL,
  field TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (owner, size_ms, start, field)
) WITHOUT ROWID;
`;

/**
 * The page cache of the runs connection. Each live run adds an entry at its own place in the index of
 * event_batches (keyed by channel), so a group commit of 1,000 runs touches many of the index's leaf pages; with SQLite's default 2 MB cache they were read from the file again on every
 * commit. Filled only as used.
 */
const PAGE_CACHE_KIB = 32 * 1024;

/** A run's columns but its request (~3 MB for the largest datasets): status reads do not need it. */
const runRow = z.object({
  channel_id: z.string(),
  owner: z.string(),
  status: z.enum(RUN_STATUSES),
  engine: z.string(),
  model: z.string(),
  timezone: z.string(),
  title: z.string(),
  created_at: z.number(),
  started_at: z.number().nullable(),
  first_token_at: z.number().nullable(),
  wait_before_first_token_ms: z.number().nullable(),
  ended_at: z.number().nullable(),
  answer_due_at: z.number().nullable(),
  output_tokens: z.number(),
  error: z.string().nullable(),
  retry_of: z.string().nullable(),
  retried_as: z.string().nullable(),
  /** JSON array of the request's function names. */
  function_names: z.string(),
});
type RunRow = z.infer<typeof runRow>;
/** runs.function_names, parsed: made once, as every run read parses it. */
const functionNamesColumn = z.array(z.string());
const RUN_COLUMNS = Object.keys(runRow.shape).join(', ');
const requestRow = z.object({ request: z.string(), parts_key: z.string().nullable() });

const noticeRow = z.object({
  id: z.number(),
  channel_id: z.string(),
  owner: z.string(),
  status: z.enum(NOTICE_STATUSES),
  at: z.number(),
  model: z.string(),
  output_tokens: z.number(),
  duration_ms: z.number(),
  error: z.string().nullable(),
});
type NoticeRow = z.infer<typeof noticeRow>;

const isNoticeStatus = (status: RunStatus): status is NoticeStatus =>
  NOTICE_STATUSES.some((notice) => notice === status);

const tokensRow = z.object({ owner: z.string(), output_tokens: z.number() });
const statusRow = z.object({ status: z.enum(RUN_STATUSES) });
const messageRow = z.object({ message: z.string() });
const waiterRow = z.object({ waiter: z.string() });
const presentRow = z.object({ present: z.literal(1) });
const maxIdRow = z.object({ id: z.number().nullable() });
const bucketRow = z.object({ start: z.number(), field: z.string(), count: z.number() });
const activeCountRow = z.object({ status: z.enum(['queued', 'running', 'waiting']), count: z.number() });
const tableRow = z.object({ name: z.string() });
const countRow = z.object({ count: z.number() });

const toNotice = (row: NoticeRow): RunNotice => ({
  id: String(row.id),
  channelId: row.channel_id,
  owner: row.owner,
  status: row.status,
  at: row.at,
  model: row.model,
  outputTokens: row.output_tokens,
  durationMs: row.duration_ms,
  error: row.error ?? undefined,
});

const PATCH_COLUMNS: Record<keyof RunPatch, string> = {
  status: 'status',
  startedAt: 'started_at',
  firstTokenAt: 'first_token_at',
  waitBeforeFirstTokenMs: 'wait_before_first_token_ms',
  endedAt: 'ended_at',
  answerDueAt: 'answer_due_at',
  outputTokens: 'output_tokens',
  error: 'error',
  retriedAs: 'retried_as',
};

function toRecord(row: RunRow, readRequest: () => string): RunRecord {
  return withLazyRequest(
    {
      channelId: row.channel_id,
      owner: row.owner,
      status: row.status,
      engine: row.engine,
      model: row.model,
      timezone: row.timezone,
      title: row.title,
      createdAt: row.created_at,
      startedAt: row.started_at ?? undefined,
      firstTokenAt: row.first_token_at ?? undefined,
      waitBeforeFirstTokenMs: row.wait_before_first_token_ms ?? undefined,
      endedAt: row.ended_at ?? undefined,
      answerDueAt: row.answer_due_at ?? undefined,
      outputTokens: row.output_tokens,
      error: row.error ?? undefined,
      retryOf: row.retry_of ?? undefined,
      retriedAs: row.retried_as ?? undefined,
      functionNames: functionNamesColumn.parse(JSON.parse(row.function_names)),
    },
    readRequest,
  );
}

/** The row as a patch leaves it: the same columns patchAssignments writes, without reading the row back. */
function withPatch(row: RunRow, patch: RunPatch): RunRow {
  const patched: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) patched[PATCH_COLUMNS[key as keyof RunPatch]] = value;
  }
  return patched as RunRow;
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
  private readonly sql: Statements;
  private readonly requestParts: RequestParts;
  private readonly batches: EventBatches;
  private readonly appendTransaction: (
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ) => StoredEvent[];
  private readonly appendAllTransaction: (appends: readonly EventAppend[]) => StoredEvent[][];
  /** Overview counts of the group commit running now (see gatheringCounts), undefined outside one. */
  private gatheredCounts:
    Map<string, { owner: string; size: number; start: number; field: string; count: number }> | undefined;
  private readonly transitionTransaction: (
    channelId: string,
    from: readonly RunStatus[],
    patch: RunPatch & { status: RunStatus },
  ) => boolean;
  private readonly stopCheckpoints: () => Promise<void> = async () => undefined;

  /** `readonly` opens an existing file beside the server that writes it (tools, tests, benchmarks). */
  constructor(file: string, options: { readonly?: boolean } = {}) {
    if (options.readonly) {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.addSourceFunction();
      this.sql = new Statements(this.db);
      this.requestParts = new RequestParts(this.sql);
      this.batches = new EventBatches(this.db, this.sql);
    } else {
      this.db = openDatabase(file, SCHEMA + REQUEST_PARTS_SCHEMA);
      this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
      this.addSourceFunction();
      this.sql = new Statements(this.db);
      this.requestParts = new RequestParts(this.sql);
      this.batches = new EventBatches(this.db, this.sql);
      this.batches.migrate();
      this.addSearchColumn();
      this.addFunctionNamesColumn();
      this.moveRequestsToOwnTable();
      // Files from before requests were stored in parts (request-parts.ts).
      this.addMissingColumn('run_requests', 'parts_key', 'TEXT');
      // Files from before the time waited for answers was kept (runs ended before it count their whole wait).
      this.addMissingColumn('runs', 'wait_before_first_token_ms', 'INTEGER');
      // Files from before a run kept the run that retried it.
      this.addMissingColumn('runs', 'retried_as', 'TEXT');
      // Files from before a waiting run kept when its wait ends.
      this.addMissingColumn('runs', 'answer_due_at', 'INTEGER');
      this.requestParts.removeOrphans();
      this.stopCheckpoints = checkpointOffThread(file, this.db);
    }
    this.appendTransaction = this.db.transaction(
      (channelId: string, events: ChannelEvent[], runPatch?: RunPatch, onlyIfStatus?: readonly RunStatus[]) =>
        this.appendSync(channelId, events, runPatch, onlyIfStatus),
    );
    this.appendAllTransaction = this.db.transaction((appends: readonly EventAppend[]) =>
      this.gatheringCounts(() =>
        appends.map((append) =>
          this.appendSync(append.channelId, append.events, append.runPatch, append.onlyIfStatus),
        ),
      ),
    );
    this.transitionTransaction = this.db.transaction(
      (channelId: string, from: readonly RunStatus[], patch: RunPatch & { status: RunStatus }) => {
        const row = this.selectStatus(channelId);
        if (!row || !from.includes(row.status)) return false;
        this.updateRunSync(channelId, patch);
        return true;
      },
    );
  }

  /** Inside a transaction: the events get the channel's next seqs, stored as one batch row. */
  private appendSync(
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ): StoredEvent[] {
    const at = Date.now();
    const jsons = eventJsonsOf(events);
    let stored: StoredEvent[] = [];
    if (events.length > 0) {
      const body = packEventJsons(jsons);
      // Once per run and commit while runs stream: the status is checked by the insert itself.
      const first = onlyIfStatus
        ? this.batches.insertWhileRunIs(channelId, body, events.length, at, onlyIfStatus)
        : this.batches.insert(channelId, body, events.length, at);
      if (first === undefined) return [];
      stored = events.map((event, index) => ({ seq: first + index, at, event, json: jsons[index] }));
    } else if (onlyIfStatus) {
      const row = this.selectStatus(channelId);
      if (!row || !onlyIfStatus.includes(row.status)) return [];
    }
    if (runPatch) this.updateRunSync(channelId, runPatch);
    return stored;
  }

  private hasColumn(table: 'runs' | 'run_requests', column: string): boolean {
    return this.sql
      .query(`PRAGMA table_info(${table})`, tableRow)
      .all()
      .some((found) => found.name === column);
  }

  /** Adds a column that files from earlier builds lack (its rows read it as NULL). */
  private addMissingColumn(table: 'runs' | 'run_requests', column: string, type: 'TEXT' | 'INTEGER'): void {
    if (!this.hasColumn(table, column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }

  /** The runs list's source filter, by the same test as the Redis store's (run-source.ts). */
  private addSourceFunction() {
    this.db.function('is_experiment_cell', { deterministic: true }, (channelId) =>
      isExperimentCell(String(channelId)) ? 1 : 0,
    );
  }

  /** Files from builds before search: the column is added and filled from what rows hold. */
  private addSearchColumn(): void {
    if (this.hasColumn('runs', 'search_text')) return;
    this.db.exec('ALTER TABLE runs ADD COLUMN search_text TEXT');
    this.db.exec(
      'UPDATE runs SET search_text = lower(title || char(10) || channel_id || char(10) || engine || char(10) || model)',
    );
  }

  private selectStatus(channelId: string) {
    return this.sql.query('SELECT status FROM runs WHERE channel_id = ?', statusRow).get(channelId);
  }

  private selectRun(channelId: string): RunRow | undefined {
    return this.sql.query(`SELECT ${RUN_COLUMNS} FROM runs WHERE channel_id = ?`, runRow).get(channelId);
  }

  /** Files from before function names were stored beside the request: SQLite reads them out once. */
  private addFunctionNamesColumn(): void {
    if (this.hasColumn('runs', 'function_names')) return;
    this.db.exec("ALTER TABLE runs ADD COLUMN function_names TEXT NOT NULL DEFAULT '[]'");
    this.db.exec(
      `UPDATE runs SET function_names = (SELECT json_group_array(json_extract(value, '$.name')) FROM json_each(runs.request, '$.functions'))
       WHERE json_type(request, '$.functions') = 'array'`,
    );
  }

  /** Files that kept the request in the runs row (see run_requests in SCHEMA) move it to its own table. */
  private moveRequestsToOwnTable(): void {
    if (!this.hasColumn('runs', 'request')) return;
    this.db.transaction(() => {
      this.db.exec(
        'INSERT OR IGNORE INTO run_requests (channel_id, request) SELECT channel_id, request FROM runs',
      );
      this.db.exec('ALTER TABLE runs DROP COLUMN request');
    })();
  }

  /** The record, its request read from the file only when something uses it (lazy-request.ts). */
  private toRecord(row: RunRow): RunRecord {
    return toRecord(row, () => {
      const found = this.sql
        .query('SELECT request, parts_key FROM run_requests WHERE channel_id = ?', requestRow)
        .get(row.channel_id);
      if (!found) throw new Error(`Run ${row.channel_id} is no longer stored`);
      return this.requestParts.read(found.request, found.parts_key);
    });
  }

  /** Adds to the overview buckets of every size holding `at` (at the end of a group commit, when in one). */
  private countInBuckets(owner: string, at: number, increments: Record<string, number>): void {
    for (const size of BUCKET_SIZES_MS) {
      const start = bucketStart(at, size);
      for (const [field, count] of Object.entries(increments)) {
        if (count === 0) continue;
        if (!this.gatheredCounts) {
          this.addToBucket(owner, size, start, field, count);
          continue;
        }
        const key = `${owner}\u0000${size}\u0000${start}\u0000${field}`;
        const gathered = this.gatheredCounts.get(key);
        if (gathered) gathered.count += count;
        else this.gatheredCounts.set(key, { owner, size, start, field, count });
      }
    }
  }

  private addToBucket(owner: string, size: number, start: number, field: string, count: number): void {
    this.sql
      .statement(
        `INSERT INTO overview_buckets (owner, size_ms, start, field, count) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (owner, size_ms, start, field) DO UPDATE SET count = count + excluded.count`,
      )
      .run(owner, size, start, field, count);
  }

  /**
   * Inside a transaction: the overview counts `work` makes are added up and written once per bucket and
   * field at its end. A thousand runs ending in one group commit were 12,000 upserts (four fields in three
   * bucket sizes each), most of an 80 ms commit that held the event loop; now about a dozen.
   */
  private gatheringCounts<T>(work: () => T): T {
    this.gatheredCounts = new Map();
    try {
      const result = work();
      for (const { owner, size, start, field, count } of this.gatheredCounts.values())
        this.addToBucket(owner, size, start, field, count);
      return result;
    } finally {
      this.gatheredCounts = undefined;
    }
  }

  /** Journals a notice and counts an ended run, comparing the row before and after a patch. */
  private recordLifecycle(before: RunRow, patch: RunPatch): void {
    const after = withPatch(before, patch);
    const status = after.status;
    if (patch.status && before.status !== status && isNoticeStatus(status)) {
      this.sql
        .statement(
          `INSERT INTO run_notices (channel_id, owner, status, at, model, output_tokens, duration_ms, error)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          after.channel_id,
          after.owner,
          status,
          after.ended_at ?? Date.now(),
          after.model,
          after.output_tokens,
          (after.ended_at ?? Date.now()) - after.created_at,
          after.error,
        );
    }
    if (before.ended_at === null && after.ended_at !== null) {
      const increments = endedRunIncrements({
        status: after.status,
        createdAt: after.created_at,
        startedAt: after.started_at ?? undefined,
        firstTokenAt: after.first_token_at ?? undefined,
        waitBeforeFirstTokenMs: after.wait_before_first_token_ms ?? undefined,
        endedAt: after.ended_at,
      });
      this.countInBuckets(after.owner, after.ended_at, increments);
    }
  }

  async createRun(run: NewRun, room?: QueueRoom): Promise<void> {
    const stored = await this.requestParts.writeTail(JSON.stringify(run.request));
    try {
      this.createRunSync(run, stored, room);
    } catch (error) {
      this.requestParts.remove(stored.partsKey);
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new ApiError('CONFLICT', `Channel ${run.channelId} is already in use`);
      }
      throw error;
    }
  }

  private createRunSync(run: NewRun, request: StoredRequestHead, room: QueueRoom | undefined): void {
    this.db.transaction(() => {
      if (room) {
        const { count } = countRow.parse(
          this.sql.statement(`SELECT COUNT(*) AS count FROM runs WHERE status = 'queued'`).get(),
        );
        if (count >= room.maxQueued) throw queueFullError(count, room.concurrency);
      }
      this.sql
        .statement(
          `INSERT INTO runs (channel_id, owner, status, engine, model, timezone, title, created_at, retry_of, search_text, function_names)
           VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.channelId,
          run.owner,
          run.engine,
          run.model,
          run.timezone,
          run.title,
          run.createdAt,
          run.retryOf ?? null,
          searchTextOf(run),
          JSON.stringify(functionNamesOf(run.request)),
        );
      this.sql
        .statement('INSERT INTO run_requests (channel_id, request, parts_key) VALUES (?, ?, ?)')
        .run(run.channelId, request.head, request.partsKey);
      this.countInBuckets(run.owner, run.createdAt, { [CREATED_FIELD]: 1 });
    })();
  }

  async getRun(channelId: string): Promise<RunRecord | undefined> {
    const row = this.selectRun(channelId);
    return row && this.toRecord(row);
  }

  async updateRun(channelId: string, patch: RunPatch): Promise<void> {
    this.updateRunSync(channelId, patch);
  }

  private updateRunSync(channelId: string, patch: RunPatch): void {
    const { sql, values } = patchAssignments(patch);
    if (!sql) return;
    // A notice status or an end changes notices and overview counters: compare the row before and after.
    // A token count adds what is new to the overview; other patches (running) are not read back.
    const before =
      (patch.status !== undefined && isNoticeStatus(patch.status)) || patch.endedAt !== undefined
        ? this.selectRun(channelId)
        : undefined;
    const tokensBefore =
      patch.outputTokens === undefined ? undefined : (before ?? this.selectTokens(channelId));
    // One statement per set of patched columns (a handful of shapes), each prepared once.
    this.sql.statement(`UPDATE runs SET ${sql} WHERE channel_id = ?`).run(...values, channelId);
    if (tokensBefore) this.countNewTokens(tokensBefore, patch);
    if (before) this.recordLifecycle(before, patch);
  }

  private selectTokens(channelId: string) {
    return this.sql
      .query('SELECT owner, output_tokens FROM runs WHERE channel_id = ?', tokensRow)
      .get(channelId);
  }

  /**
   * Tokens count in the overview when they are stored (a live run's count is stored about once a second),
   * not all at the run's end: a chart of a busy minute shows its tokens in that minute.
   */
  private countNewTokens(before: { owner: string; output_tokens: number }, patch: RunPatch): void {
    const added = (patch.outputTokens ?? 0) - before.output_tokens;
    if (added > 0) this.countInBuckets(before.owner, patch.endedAt ?? Date.now(), { tokens: added });
  }

  async transitionRun(
    channelId: string,
    from: readonly RunStatus[],
    patch: RunPatch & { status: RunStatus },
  ): Promise<boolean> {
    return this.transitionTransaction(channelId, from, patch);
  }

  async listRuns(query: RunListQuery): Promise<RunListPage> {
    const conditions = ['owner = ?'];
    const values: unknown[] = [query.owner];
    if (query.status) {
      conditions.push('status = ?');
      values.push(query.status);
    }
    if (query.engine) {
      conditions.push('engine = ?');
      values.push(query.engine);
    }
    if (query.createdAfter !== undefined) {
      conditions.push('created_at >= ?');
      values.push(query.createdAfter);
    }
    if (query.source) {
      conditions.push('is_experiment_cell(channel_id) = ?');
      values.push(query.source === 'experiment' ? 1 : 0);
    }
    if (query.search) {
      conditions.push("search_text LIKE ? ESCAPE '\\'");
      values.push(`%${normalizeSearch(query.search).replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    }
    const cursor = query.cursor ? decodeRunCursor(query.cursor) : undefined;
    if (cursor) {
      conditions.push('(created_at < ? OR (created_at = ? AND channel_id < ?))');
      values.push(cursor.createdAt, cursor.createdAt, cursor.channelId);
    }
    // One statement per combination of filters (at most 64), each prepared once.
    const rows = this.sql
      .query(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, channel_id DESC LIMIT ?`,
        runRow,
      )
      .all(...values, query.limit + 1);
    const items = rows.slice(0, query.limit).map((row) => this.toRecord(row));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? encodeRunCursor(last) : undefined };
  }

  async findRunsByStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]> {
    const placeholders = statuses.map(() => '?').join(', ');
    const rows = this.sql
      .query(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE status IN (${placeholders}) ORDER BY created_at, channel_id`,
        runRow,
      )
      .all(...statuses);
    return rows.map((row) => this.toRecord(row));
  }

  async appendEvents(
    channelId: string,
    events: ChannelEvent[],
    runPatch?: RunPatch,
    onlyIfStatus?: readonly RunStatus[],
  ): Promise<StoredEvent[]> {
    return this.appending(() => this.appendTransaction(channelId, events, runPatch, onlyIfStatus));
  }

  /** One transaction (one commit) for all; should it fail, each alone, so one bad append stays its own. */
  async appendEventBatches(appends: readonly EventAppend[]): Promise<AppendResult[]> {
    try {
      return this.appending(() => this.appendAllTransaction(appends));
    } catch {
      return appends.map((append) => {
        try {
          return this.appending(() =>
            this.appendTransaction(append.channelId, append.events, append.runPatch, append.onlyIfStatus),
          );
        } catch (error) {
          return asError(error);
        }
      });
    }
  }

  /**
   * Runs an append transaction. Should it fail, what the batches remember of the file is forgotten (it
   * may hold what the rolled-back transaction wrote); a seq another connection took meanwhile, refused by
   * the unique index, is read from the file again once.
   */
  private appending<T>(transaction: () => T): T {
    try {
      return transaction();
    } catch (error) {
      this.batches.forgetRemembered();
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      return transaction();
    }
  }

  async readEventJson(
    channelId: string,
    afterSeq: number,
    limit: number,
    maxBytes?: number,
  ): Promise<StoredEventJson[]> {
    return maxBytes === undefined
      ? this.batches.readJson(channelId, afterSeq, limit)
      : this.batches.readJsonWithin(channelId, afterSeq, limit, maxBytes);
  }

  async lastSeq(channelId: string): Promise<number> {
    return this.batches.lastSeq(channelId);
  }

  // channel_messages.at is when the message expires (older files stored when it was put, which only
  // makes their leftovers expire sooner).
  async putMailboxMessage(channel: string, message: unknown, ttlMs: number): Promise<void> {
    this.insertMessage(channel, JSON.stringify(message), Date.now() + ttlMs);
  }

  private insertMessage(channel: string, message: string, expiresAt: number): void {
    this.sql
      .statement('INSERT INTO channel_messages (channel, message, at) VALUES (?, ?, ?)')
      .run(channel, message, expiresAt);
  }

  async takeMailboxMessage(channel: string): Promise<{ message: unknown } | undefined> {
    const now = Date.now();
    const take = this.db.transaction(() => {
      this.sql.statement('DELETE FROM channel_messages WHERE channel = ? AND at <= ?').run(channel, now);
      return this.sql
        .query(
          'DELETE FROM channel_messages WHERE id = (SELECT MIN(id) FROM channel_messages WHERE channel = ?) RETURNING message',
          messageRow,
        )
        .get(channel);
    });
    const row = take();
    return row && { message: JSON.parse(row.message) };
  }

  async holdMailboxWaiter(mailbox: string, waiter: string, leaseUntil: number): Promise<void> {
    this.sql
      .statement(
        'INSERT INTO channel_waiters (mailbox, waiter, lease_until) VALUES (?, ?, ?) ON CONFLICT (mailbox, waiter) DO UPDATE SET lease_until = excluded.lease_until',
      )
      .run(mailbox, waiter, leaseUntil);
  }

  async releaseMailboxWaiter(mailbox: string, waiter: string): Promise<void> {
    this.sql.statement('DELETE FROM channel_waiters WHERE mailbox = ? AND waiter = ?').run(mailbox, waiter);
  }

  async broadcastMailboxMessage(mailbox: string, message: unknown, ttlMs: number): Promise<number> {
    const now = Date.now();
    const text = JSON.stringify(message);
    const broadcast = this.db.transaction(() => {
      this.sql
        .statement('DELETE FROM channel_waiters WHERE mailbox = ? AND lease_until <= ?')
        .run(mailbox, now);
      const waiters = this.sql
        .query('SELECT waiter FROM channel_waiters WHERE mailbox = ?', waiterRow)
        .all(mailbox);
      for (const { waiter } of waiters) this.insertMessage(waiterMailbox(mailbox, waiter), text, now + ttlMs);
      if (waiters.length === 0) this.insertMessage(mailbox, text, now + ttlMs);
      return waiters.length;
    });
    return broadcast();
  }

  async revokeSession(sessionId: string, expiresAt: number): Promise<void> {
    this.sql
      .statement('INSERT OR REPLACE INTO revoked_sessions (session_id, expires_at) VALUES (?, ?)')
      .run(sessionId, expiresAt);
  }

  async isSessionRevoked(sessionId: string): Promise<boolean> {
    const revoked = this.sql.query(
      'SELECT 1 AS present FROM revoked_sessions WHERE session_id = ?',
      presentRow,
    );
    return revoked.get(sessionId) !== undefined;
  }

  async readNotices(afterId: string | undefined, limit: number): Promise<RunNotice[]> {
    const rows = this.sql
      .query('SELECT * FROM run_notices WHERE id > ? ORDER BY id LIMIT ?', noticeRow)
      .all(Number(afterId ?? 0), limit);
    return rows.map(toNotice);
  }

  async lastNoticeId(): Promise<string | undefined> {
    const row = this.sql.query('SELECT MAX(id) AS id FROM run_notices', maxIdRow).get();
    return row?.id == null ? undefined : String(row.id);
  }

  async readOverviewBuckets(owner: string, sizeMs: number, from: number): Promise<OverviewBucket[]> {
    const rows = this.sql
      .query(
        'SELECT start, field, count FROM overview_buckets WHERE owner = ? AND size_ms = ? AND start >= ? ORDER BY start',
        bucketRow,
      )
      .all(owner, sizeMs, from);
    const buckets: OverviewBucket[] = [];
    for (const row of rows) {
      if (buckets.at(-1)?.start !== row.start) buckets.push({ start: row.start, fields: {} });
      (buckets.at(-1) as OverviewBucket).fields[row.field] = row.count;
    }
    return buckets;
  }

  async countActiveRuns(owner: string): Promise<Record<'queued' | 'running' | 'waiting', number>> {
    const rows = this.sql
      .query(
        "SELECT status, COUNT(*) AS count FROM runs WHERE owner = ? AND status IN ('queued', 'running', 'waiting') GROUP BY status",
        activeCountRow,
      )
      .all(owner);
    const counts = { queued: 0, running: 0, waiting: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  async deleteEndedBefore(endedBefore: number): Promise<number> {
    this.sql.statement('DELETE FROM revoked_sessions WHERE expires_at < ?').run(Date.now());
    const remove = this.db.transaction(() => {
      this.sql.statement('DELETE FROM run_notices WHERE at < ?').run(endedBefore);
      for (const size of BUCKET_SIZES_MS) {
        this.sql
          .statement('DELETE FROM overview_buckets WHERE size_ms = ? AND start < ?')
          .run(size, Date.now() - BUCKET_KEEP_MS[size]);
      }
      this.batches.deleteChannels(
        'SELECT channel_id FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?',
        endedBefore,
      );
      this.sql
        .statement(
          'DELETE FROM run_request_parts WHERE parts_key IN (SELECT parts_key FROM run_requests WHERE channel_id IN (SELECT channel_id FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?))',
        )
        .run(endedBefore);
      this.sql
        .statement(
          'DELETE FROM run_requests WHERE channel_id IN (SELECT channel_id FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?)',
        )
        .run(endedBefore);
      this.sql.statement('DELETE FROM channel_messages WHERE at <= ?').run(Date.now());
      this.sql.statement('DELETE FROM channel_waiters WHERE lease_until <= ?').run(Date.now());
      return this.sql
        .statement('DELETE FROM runs WHERE ended_at IS NOT NULL AND ended_at < ?')
        .run(endedBefore).changes;
    });
    return remove();
  }

  async ping(): Promise<void> {
    this.sql.statement('SELECT 1').get();
  }

  /**
   * Resolves once this process holds the file no more. This connection closes first, so the checkpoint
   * worker's is the last: it copies the WAL into the file and removes it, off this thread. (Closed at the
   * same moment, each could still see the other and leave the WAL behind.)
   */
  async close(): Promise<void> {
    this.db.close();
    await this.stopCheckpoints();
  }
}
