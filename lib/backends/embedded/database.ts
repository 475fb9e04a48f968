// Every connection to an embedded SQLite file opens the same way: WAL, so readers and the one writer do
// not block each other and several connections (runs, experiments, outbox, library, shares) share a
// file; synchronous NORMAL, which in WAL mode keeps the file consistent after a crash (only the last
// commits may be lost on power loss); and a busy timeout, so a connection waits for another's write
// instead of failing.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Opens (creating it and its folder when missing) the file and applies `schema` (idempotent DDL). */
export function openDatabase(file: string, schema: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
