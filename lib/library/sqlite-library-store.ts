// The library on the embedded backend: one table in the same SQLite file as the runs, opened on its own
// connection (WAL lets several connections share the file), so the run store stays untouched.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { openDatabase } from '../backends/embedded/database';
import { Statements } from '../backends/embedded/statements';
import {
  LIBRARY_MAX_ITEMS,
  parseStoredLibraryItem,
  storedLibraryItem,
  type LibraryItem,
  type LibraryStore,
  type NewLibraryItem,
} from './schema';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS library_items (
  owner TEXT NOT NULL,
  id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (owner, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS library_items_by_owner ON library_items (owner, created_at DESC);
`;

const bodyRow = z.object({ body: z.string() });
const countRow = z.object({ n: z.number() });

export class SqliteLibraryStore implements LibraryStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    this.db = openDatabase(file, SCHEMA);
    const sql = new Statements(this.db);
    this.statements = {
      list: sql.query(
        'SELECT body FROM library_items WHERE owner = ? ORDER BY created_at DESC, id DESC',
        bodyRow,
      ),
      count: sql.query('SELECT COUNT(*) AS n FROM library_items WHERE owner = ?', countRow),
      insert: sql.statement('INSERT INTO library_items (owner, id, created_at, body) VALUES (?, ?, ?, ?)'),
      remove: sql.statement('DELETE FROM library_items WHERE owner = ? AND id = ?'),
    };
  }

  async list(owner: string): Promise<LibraryItem[]> {
    return this.statements.list
      .all(owner)
      .map((row) => parseStoredLibraryItem(JSON.parse(row.body)))
      .filter((item): item is LibraryItem => item !== undefined);
  }

  async add(owner: string, item: NewLibraryItem): Promise<LibraryItem | undefined> {
    const stored = storedLibraryItem(item);
    // Count and insert in one transaction so two saves at once cannot pass the limit together.
    const added = this.db.transaction(() => {
      if ((this.statements.count.get(owner)?.n ?? 0) >= LIBRARY_MAX_ITEMS) return false;
      this.statements.insert.run(owner, stored.id, stored.createdAt, JSON.stringify(stored));
      return true;
    })();
    return added ? stored : undefined;
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return this.statements.remove.run(owner, id).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
