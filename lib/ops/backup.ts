// Backup and restore of the embedded store. Backup uses SQLite's online backup API (better-sqlite3's
// db.backup), so it can run while the server writes: the copy is one consistent state of the database.
// Restore refuses while a server uses the DATA_DIR, and never leaves a half-written database behind.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { serverUsingDataDir, sqliteFileIn } from './data-dir';

/** Copy every remaining page in one step: a writer between steps would make SQLite restart the backup. */
const ALL_REMAINING_PAGES = 0x7fffffff;

export class OpsCommandError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  runs: number;
}

/** Checks that `file` is a sound copy of this product's database; returns its number of runs. */
function verifyDatabase(file: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new OpsCommandError(`${file} is damaged (integrity check: ${integrity}).`);
    return z.object({ runs: z.number() }).parse(db.prepare('SELECT count(*) AS runs FROM runs').get()).runs;
  } catch (error) {
    if (error instanceof OpsCommandError) throw error;
    throw new OpsCommandError(`${file} is not a Dispatch Studio database (${(error as Error).message}).`);
  } finally {
    db?.close();
  }
}

export async function backupDatabase(dataDir: string, destination: string): Promise<BackupSummary> {
  const source = sqliteFileIn(dataDir);
  if (!fs.existsSync(source)) throw new OpsCommandError(`There is no database to back up at ${source}.`);
  const target = path.resolve(destination);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_REMAINING_PAGES });
  } finally {
    db.close();
  }
  try {
    const runs = verifyDatabase(partial);
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, runs };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

export interface RestoreSummary {
  file: string;
  runs: number;
  /** Where the database that was there before now is (nothing is deleted). */
  previous?: string;
}

export function restoreDatabase(dataDir: string, backup: string): RestoreSummary {
  const user = serverUsingDataDir(dataDir);
  if (user) {
    throw new OpsCommandError(
      `Refusing to restore: ${user} is using DATA_DIR ${path.resolve(dataDir)}. Stop it first, then run restore again.`,
    );
  }
  const runs = verifyDatabase(path.resolve(backup));
  const target = sqliteFileIn(dataDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring-${process.pid}`;
  fs.copyFileSync(backup, incoming);
  // The old database moves aside with its WAL files (a WAL left beside the new file would be replayed into it).
  let previous: string | undefined;
  const suffix = `.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const part of ['', '-wal', '-shm']) {
    if (!fs.existsSync(`${target}${part}`)) continue;
    fs.renameSync(`${target}${part}`, `${target}${suffix}${part}`);
    if (part === '') previous = `${target}${suffix}`;
  }
  fs.renameSync(incoming, target);
  return { file: target, runs, ...(previous && { previous }) };
}
