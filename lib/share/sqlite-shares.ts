// Share records and the share signing key of the embedded backend, in their own file under DATA_DIR.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ShareKind, ShareRecord, ShareStore, ShareTarget } from './share-store';

interface ShareRow {
  id: string;
  kind: ShareKind;
  target_id: string;
  owner: string;
  created_at: number;
  expires_at: number;
  allow_answer: number;
  revoked_at: number | null;
}

const fromRow = (row: ShareRow): ShareRecord => ({
  id: row.id,
  target: { kind: row.kind, id: row.target_id },
  owner: row.owner,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  allowAnswer: row.allow_answer === 1,
  revokedAt: row.revoked_at ?? undefined,
});

/**
 * Files made before experiments could be shared have a `channel_id` column and no `kind`: every share
 * in them is a run's. They are brought to the current shape in place, so their links keep working.
 */
function migrateRunOnlyShares(db: Database.Database): void {
  // Immediate: a second process opening the file at the same moment waits, then finds it migrated.
  db.transaction(() => {
    const columns = db.prepare('PRAGMA table_info(shares)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'channel_id')) return;
    db.exec(`ALTER TABLE shares RENAME COLUMN channel_id TO target_id;
      ALTER TABLE shares ADD COLUMN kind TEXT NOT NULL DEFAULT 'run';
      DROP INDEX IF EXISTS shares_by_channel;`);
  }).immediate();
}

export class SqliteShareStore implements ShareStore {
  private readonly db: Database.Database;

  constructor(private readonly dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'shares.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS shares (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      owner TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      allow_answer INTEGER NOT NULL,
      revoked_at INTEGER
    );`);
    migrateRunOnlyShares(this.db);
    this.db.exec('CREATE INDEX IF NOT EXISTS shares_by_target ON shares (kind, target_id, created_at DESC);');
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
    this.db
      .prepare(
        'INSERT INTO shares (id, kind, target_id, owner, created_at, expires_at, allow_answer) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        record.id,
        record.target.kind,
        record.target.id,
        record.owner,
        record.createdAt,
        record.expiresAt,
        record.allowAnswer ? 1 : 0,
      );
  }

  async getShare(id: string): Promise<ShareRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM shares WHERE id = ?').get(id) as ShareRow | undefined;
    return row && fromRow(row);
  }

  async listShares(target: ShareTarget, now: number): Promise<ShareRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT * FROM shares WHERE kind = ? AND target_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC',
      )
      .all(target.kind, target.id, now) as ShareRow[];
    return rows.map(fromRow);
  }

  async revokeShare(target: ShareTarget, id: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare(
          'UPDATE shares SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND kind = ? AND target_id = ?',
        )
        .run(now, id, target.kind, target.id).changes > 0
    );
  }
}
