// Share records and the share signing key of the embedded backend, in their own file under DATA_DIR.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { Statements } from '../backends/embedded/statements';
import type { ShareRecord, ShareStore } from './share-store';

const shareRow = z.object({
  id: z.string(),
  channel_id: z.string(),
  owner: z.string(),
  created_at: z.number(),
  expires_at: z.number(),
  allow_answer: z.number(),
  revoked_at: z.number().nullable(),
});

const fromRow = (row: z.infer<typeof shareRow>): ShareRecord => ({
  id: row.id,
  channelId: row.channel_id,
  owner: row.owner,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  allowAnswer: row.allow_answer === 1,
  revokedAt: row.revoked_at ?? undefined,
});

export class SqliteShareStore implements ShareStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;

  constructor(private readonly dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'shares.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS shares (
      id TEXT PRIMARY KEY,
      channel_id TEXT NOT NULL,
      owner TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      allow_answer INTEGER NOT NULL,
      revoked_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS shares_by_channel ON shares (channel_id, created_at DESC);`);
    this.sql = new Statements(this.db);
  }

  async signingKey(): Promise<Buffer> {
    const file = path.join(this.dataDir, 'share-key');
    try {
      // 'wx': only the first process to get here writes it; everyone reads the same key after.
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  }

  async createShare(record: ShareRecord): Promise<void> {
    this.sql
      .statement(
        'INSERT INTO shares (id, channel_id, owner, created_at, expires_at, allow_answer) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.channelId,
        record.owner,
        record.createdAt,
        record.expiresAt,
        record.allowAnswer ? 1 : 0,
      );
  }

  async getShare(id: string): Promise<ShareRecord | undefined> {
    const row = this.sql.query('SELECT * FROM shares WHERE id = ?', shareRow).get(id);
    return row && fromRow(row);
  }

  async listShares(channelId: string, now: number): Promise<ShareRecord[]> {
    const rows = this.sql
      .query(
        'SELECT * FROM shares WHERE channel_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC',
        shareRow,
      )
      .all(channelId, now);
    return rows.map(fromRow);
  }

  async revokeShare(channelId: string, id: string, now: number): Promise<boolean> {
    return (
      this.sql
        .statement('UPDATE shares SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND channel_id = ?')
        .run(now, id, channelId).changes > 0
    );
  }
}
