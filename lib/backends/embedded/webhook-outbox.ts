// The embedded backend's webhook outbox: tables beside the runs in the same SQLite file (its own
// connection). One process owns the file, so a transaction is all the claiming it needs.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { RunNotice, RunStore } from '../../store/types';
import type {
  DeliveryAttempt,
  NewDelivery,
  PendingDelivery,
  RecentAttempt,
  WebhookOutbox,
} from '../../webhooks/outbox';
import { openDatabase } from './database';
import { Statements } from './statements';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), notice_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  url TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (due_at) WHERE due_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS webhook_attempts (
  delivery_id TEXT NOT NULL,
  webhook_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  type TEXT NOT NULL,
  url TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status_code INTEGER,
  error TEXT,
  next_attempt_at INTEGER,
  PRIMARY KEY (channel_id, delivery_id, attempt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS webhook_attempts_at ON webhook_attempts (at);
`;

const deliveryRow = z.object({
  id: z.string(),
  webhook_id: z.string(),
  channel_id: z.string(),
  url: z.string(),
  type: z.string(),
  body: z.string(),
  attempts: z.number(),
});

const attemptRow = z.object({
  delivery_id: z.string(),
  channel_id: z.string(),
  webhook_id: z.string(),
  type: z.string(),
  url: z.string(),
  attempt: z.number(),
  at: z.number(),
  status_code: z.number().nullable(),
  error: z.string().nullable(),
  next_attempt_at: z.number().nullable(),
});

const cursorRow = z.object({ notice_id: z.string() });

function attemptOf(row: Omit<z.infer<typeof attemptRow>, 'channel_id'>): DeliveryAttempt {
  return {
    deliveryId: row.delivery_id,
    webhookId: row.webhook_id,
    type: row.type,
    url: row.url,
    attempt: row.attempt,
    at: row.at,
    statusCode: row.status_code ?? undefined,
    error: row.error ?? undefined,
    nextAttemptAt: row.next_attempt_at ?? undefined,
  };
}

export class SqliteWebhookOutbox implements WebhookOutbox {
  private readonly db: Database.Database;
  private readonly sql: Statements;

  constructor(
    file: string,
    private readonly store: RunStore,
  ) {
    this.db = openDatabase(file, SCHEMA);
    this.sql = new Statements(this.db);
  }

  async takeInNotices(toDeliveries: (notice: RunNotice) => NewDelivery[], limit: number) {
    const cursor = this.readCursor();
    // A new outbox starts from now: it does not send webhooks for runs that ended before it existed.
    if (cursor === undefined) {
      this.saveCursor((await this.store.lastNoticeId()) ?? '0');
      return 0;
    }
    const notices = await this.store.readNotices(cursor, limit);
    if (notices.length === 0) return 0;
    const insert = this.sql.statement(
      `INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, channel_id, url, type, body, due_at)
       VALUES (@id, @webhookId, @channelId, @url, @type, @body, @dueAt)`,
    );
    // Compare-and-set on the cursor: another outbox on the same file that took these in first wins.
    return this.db.transaction(() => {
      if (this.readCursor() !== cursor) return 0;
      for (const delivery of notices.flatMap(toDeliveries)) insert.run(delivery);
      this.saveCursor((notices.at(-1) as { id: string }).id);
      return notices.length;
    })();
  }

  private readCursor(): string | undefined {
    return this.sql.query('SELECT notice_id FROM webhook_cursor WHERE id = 1', cursorRow).get()?.notice_id;
  }

  private saveCursor(noticeId: string): void {
    this.sql
      .statement(
        'INSERT INTO webhook_cursor (id, notice_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET notice_id = excluded.notice_id',
      )
      .run(noticeId);
  }

  async claimDue(now: number, leaseMs: number, limit: number): Promise<PendingDelivery[]> {
    return this.db.transaction(() => {
      const rows = this.sql
        .query(
          'SELECT * FROM webhook_deliveries WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?',
          deliveryRow,
        )
        .all(now, limit);
      const lease = this.sql.statement('UPDATE webhook_deliveries SET due_at = ? WHERE id = ?');
      for (const row of rows) lease.run(now + leaseMs, row.id);
      return rows.map((row) => ({
        id: row.id,
        webhookId: row.webhook_id,
        channelId: row.channel_id,
        url: row.url,
        type: row.type,
        body: row.body,
        attempts: row.attempts,
      }));
    })();
  }

  async recordAttempt(delivery: PendingDelivery, attempt: DeliveryAttempt): Promise<void> {
    this.db.transaction(() => {
      this.sql
        .statement(
          `INSERT OR REPLACE INTO webhook_attempts
             (delivery_id, webhook_id, channel_id, type, url, attempt, at, status_code, error, next_attempt_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          delivery.id,
          delivery.webhookId,
          delivery.channelId,
          delivery.type,
          delivery.url,
          attempt.attempt,
          attempt.at,
          attempt.statusCode ?? null,
          attempt.error ?? null,
          attempt.nextAttemptAt ?? null,
        );
      if (attempt.nextAttemptAt === undefined) {
        this.sql.statement('DELETE FROM webhook_deliveries WHERE id = ?').run(delivery.id);
      } else {
        this.sql
          .statement('UPDATE webhook_deliveries SET attempts = ?, due_at = ? WHERE id = ?')
          .run(attempt.attempt, attempt.nextAttemptAt, delivery.id);
      }
    })();
  }

  async listAttempts(channelId: string): Promise<DeliveryAttempt[]> {
    const rows = this.sql
      .query('SELECT * FROM webhook_attempts WHERE channel_id = ? ORDER BY at, attempt', attemptRow)
      .all(channelId);
    return rows.map(attemptOf);
  }

  /** Newest first along the index on `at`; the owner is the run's (runs share this file). */
  async listRecentAttempts(owner: string, limit: number): Promise<RecentAttempt[]> {
    const rows = this.sql
      .query(
        `SELECT a.* FROM webhook_attempts a JOIN runs r ON r.channel_id = a.channel_id
         WHERE r.owner = ? ORDER BY a.at DESC, a.attempt DESC LIMIT ?`,
        attemptRow,
      )
      .all(owner, limit);
    return rows.map((row) => ({ channelId: row.channel_id, ...attemptOf(row) }));
  }

  async deleteAttemptsBefore(before: number): Promise<void> {
    this.sql.statement('DELETE FROM webhook_attempts WHERE at < ?').run(before);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
