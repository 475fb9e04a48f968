// One worker thread that builds and queries the full-text index for large datasets, so a run with
// 16 × 5,000 records never holds the web process's event loop (building that index takes about a
// second). The worker's code is a short script given as text, not a file, so the Next build and the
// Redis worker process need nothing extra to find it; it loads better-sqlite3 from this app's
// node_modules and runs the same SQL as retrieval.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { FTS_SQL, type RankedRow } from './fts-sql';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const SQL = workerData.sql;
parentPort.on('message', ({ id, datasets, match, limit }) => {
  let db;
  try {
    db = new Database(':memory:');
    db.exec(SQL.create);
    const insert = db.prepare(SQL.insert);
    db.transaction(() => {
      datasets.forEach(({ joined, lengths }, datasetIndex) => {
        let offset = 0;
        lengths.forEach((length, recordIndex) => {
          insert.run(joined.slice(offset, offset + length), datasetIndex, recordIndex);
          offset += length;
        });
      });
    })();
    parentPort.postMessage({ id, rows: db.prepare(SQL.rank).all(match, limit) });
  } catch (error) {
    parentPort.postMessage({ id, error: error && error.message ? error.message : String(error) });
  } finally {
    if (db) db.close();
  }
});
`;

type Reply = { id: number; rows?: RankedRow[]; error?: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (rows: RankedRow[]) => void; reject: (error: Error) => void }>();

function startWorker(): Worker {
  const betterSqlite3 = createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { betterSqlite3, sql: FTS_SQL } });
  started.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) started.unref(); // idle: it must not keep the process alive
    if (reply.error !== undefined) waiting?.reject(new Error(`Dataset search failed: ${reply.error}`));
    else waiting?.resolve(reply.rows ?? []);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`The dataset search worker stopped (exit code ${code})`)));
  return started;
}

/**
 * The ranking of rankTexts, on the worker thread; requests are answered in order, one index at a
 * time. Each dataset goes over as one joined string and its texts' lengths, prepared one dataset per
 * turn of the event loop: copying 80,000 small strings in one go would itself hold the loop for tens
 * of milliseconds.
 */
export async function rankDatasetsOnWorker(
  datasets: readonly { records: readonly { text: string }[] }[],
  match: string,
  limit: number,
): Promise<RankedRow[]> {
  const prepared: { joined: string; lengths: Int32Array }[] = [];
  for (const dataset of datasets) {
    const lengths = Int32Array.from(dataset.records, (record) => record.text.length);
    prepared.push({ joined: dataset.records.map((record) => record.text).join(''), lengths });
    await setImmediate();
  }
  worker ??= startWorker();
  worker.ref();
  const id = (nextId += 1);
  const running = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    running.postMessage(
      { id, datasets: prepared, match, limit },
      prepared.map(({ lengths }) => lengths.buffer as ArrayBuffer),
    );
  });
}
