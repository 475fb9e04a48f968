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
  type SavedLibraryItem,
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
const idRow = z.object({ id: z.string() });

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
      // Kind and name live in the body only: read there, so tables made before this need no migration.
      sameName: sql.query(
        "SELECT id FROM library_items WHERE owner = ? AND json_extract(body, '$.kind') = ? AND json_extract(body, '$.name') = ? ORDER BY created_at DESC LIMIT 1",
        idRow,
      ),
      insert: sql.statement('INSERT INTO library_items (owner, id, created_at, body) VALUES (?, ?, ?, ?)'),
      replace: sql.statement('UPDATE library_items SET id = ?, created_at = ?, body = ? WHERE owner = ? AND id = ?'),
      remove: sql.statement('DELETE FROM library_items WHERE owner = ? AND id = ?'),
    };
  }

  async list(owner: string): Promise<LibraryItem[]> {
    return this.statements.list
      .all(owner)
      .map((row) => parseStoredLibraryItem(JSON.parse(row.body)))
      .filter((item): item is LibraryItem => item !== undefined);
  }

  async save(owner: string, item: NewLibraryItem): Promise<SavedLibraryItem | undefined> {
    const stored = storedLibraryItem(item);
    const body = JSON.stringify(stored);
    // Look up, count and write in one transaction so two saves at once cannot pass the limit together
    // or both add the same name.
    return this.db.transaction((): SavedLibraryItem | undefined => {
      const previous = this.statements.sameName.get(owner, item.kind, item.name);
      if (previous) {
        this.statements.replace.run(stored.id, stored.createdAt, body, owner, previous.id);
        return { item: stored, updated: true };
      }
      if ((this.statements.count.get(owner)?.n ?? 0) >= LIBRARY_MAX_ITEMS) return undefined;
      this.statements.insert.run(owner, stored.id, stored.createdAt, body);
      return { item: stored, updated: false };
    })();
  }

  async remove(owner: string, id: string): Promise<boolean> {
    return this.statements.remove.run(owner, id).changes > 0;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
