// Checkpoints (copying the WAL's pages into the database file) run on a worker thread. SQLite's own
// automatic checkpoint runs inside the commit that crossed 1,000 pages of WAL, on the thread that
// committed: with requests of ~3 MB (750 pages each) that was every other dispatch, 10–15 ms of the web
// process's event loop on top of the insert (and, with the group commit, a stall of every live run).
// The runs store's connection turns its automatic checkpoint off and this worker's own connection to
// the file checkpoints it every CHECKPOINT_EVERY_MS instead (PASSIVE: it never waits for, or blocks, a
// writer). Other connections to the file keep SQLite's default, a safety net should the worker lag.
// One worker per process (on globalThis: under `npm start` two copies of lib run) serves every file.
// Stopping waits until the worker's connection is closed: the last connection to close checkpoints the
// whole WAL and removes it, holding the file locked meanwhile (seconds for a large WAL), so a store's
// close() resolves only once the file is free for another process to open.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { getLogger } from '../../ops/logger';

const CHECKPOINT_EVERY_MS = 200;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const connections = new Map();
parentPort.on('message', ({ watch, unwatch }) => {
  if (watch) {
    const db = new Database(watch, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(watch, db);
  }
  if (unwatch) {
    try {
      connections.get(unwatch)?.close();
    } finally {
      connections.delete(unwatch);
      parentPort.postMessage({ unwatched: unwatch });
    }
  }
});
setInterval(() => {
  for (const [file, db] of connections) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort.postMessage({ file, error: String((error && error.message) || error) });
    }
  }
}, workerData.everyMs);
`;

interface Checkpointer {
  worker: Worker;
  failed: boolean;
  /** What turns each watched connection's automatic checkpoint back on, should the worker stop. */
  fallbacks: Set<() => void>;
  /** Each file being unwatched: what to call once the worker closed its connection (or stopped). */
  unwatching: Map<string, (() => void)[]>;
}
const CHECKPOINTER_KEY = Symbol.for('dispatch-studio.wal-checkpointer');
type GlobalWithCheckpointer = typeof globalThis & { [CHECKPOINTER_KEY]?: Checkpointer };

function startCheckpointer(): Checkpointer {
  const betterSqlite3 = createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { betterSqlite3, everyMs: CHECKPOINT_EVERY_MS },
  });
  worker.unref(); // it must not keep the process alive
  const checkpointer: Checkpointer = { worker, failed: false, fallbacks: new Set(), unwatching: new Map() };
  const unwatched = (file: string) => {
    for (const done of checkpointer.unwatching.get(file) ?? []) done();
    checkpointer.unwatching.delete(file);
    if (checkpointer.unwatching.size === 0) worker.unref();
  };
  const fail = () => {
    checkpointer.failed = true;
    for (const restore of checkpointer.fallbacks) restore();
    checkpointer.fallbacks.clear();
    for (const file of [...checkpointer.unwatching.keys()]) unwatched(file);
  };
  worker.on('message', (message: { file: string; error: string } | { unwatched: string }) => {
    if ('unwatched' in message) unwatched(message.unwatched);
    else
      getLogger().warn(
        { file: message.file, error: message.error },
        'a WAL checkpoint failed; the next one retries',
      );
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  return checkpointer;
}

/**
 * Checkpoints `file` off this thread from now on, and turns `db`'s automatic checkpoint off; returns
 * what to call once `db` is closed, which resolves when the worker's connection (then the file's last,
 * doing the final checkpoint) is closed too.
 */
export function checkpointOffThread(
  file: string,
  db: { pragma(source: string): unknown },
): () => Promise<void> {
  const holder = globalThis as GlobalWithCheckpointer;
  let checkpointer = holder[CHECKPOINTER_KEY];
  if (!checkpointer || checkpointer.failed) checkpointer = holder[CHECKPOINTER_KEY] = startCheckpointer();
  const { worker, fallbacks } = checkpointer;
  const restore = () => db.pragma('wal_autocheckpoint = 1000');
  fallbacks.add(restore);
  db.pragma('wal_autocheckpoint = 0');
  worker.postMessage({ watch: file });
  return () => {
    fallbacks.delete(restore);
    if (checkpointer.failed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiting = checkpointer.unwatching.get(file);
      if (waiting) waiting.push(resolve);
      else checkpointer.unwatching.set(file, [resolve]);
      worker.ref(); // a close() being awaited keeps the process alive until the worker answers
      worker.postMessage({ unwatch: file });
    });
  };
}
