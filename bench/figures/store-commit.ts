// Figure — the embedded store's group commit as item 1's paced runs make it: 1,000 live runs, each
// adding a batch of two tokens to its channel in every commit, 100 commits (100,000 rows, about what the
// 1,000-run capacity figure stores). Measured in this process on a fresh SQLite file: the CPU of every
// thread (the commits on this one, the WAL checkpoints on the store's checkpoint thread) per stored row,
// and the rows stored per second. It isolates the store's part of the capacity figure's CPU per token,
// which the capacity figure, with a paced upstream and a thousand streams on the same cores, cannot tell
// apart from its noise.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteRunStore } from '../../lib/backends/embedded/sqlite-store';
import type { ChannelEvent } from '../../lib/events';
import { formatNumber, type FigureResult } from '../figure';
import { round } from '../stats';

const LIVE_RUNS = 1_000;
const COMMITS = 100;

export interface StoreCommitRun {
  cpuMicrosPerRow: number;
  rowsPerSecond: number;
}

const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

export async function measureStoreCommit(): Promise<StoreCommitRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-commit-'));
  const store = new SqliteRunStore(path.join(dir, 'dispatch.sqlite'));
  try {
    const channels = Array.from({ length: LIVE_RUNS }, () => randomUUID());
    const firstEvents: ChannelEvent[] = [{ type: 'completeBegin', data: {} }];
    await store.appendEventBatches(channels.map((channelId) => ({ channelId, events: firstEvents })));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let commit = 0; commit < COMMITS; commit += 1) {
      await store.appendEventBatches(channels.map((channelId) => ({ channelId, events: [token(' word'), token(' more')] })));
      // A turn between commits, as the event writer leaves one: the checkpoint thread runs meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const rows = LIVE_RUNS * COMMITS;
    return { cpuMicrosPerRow: (cpu.user + cpu.system) / rows, rowsPerSecond: rows / seconds };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function storeCommitFigure(run: StoreCommitRun): FigureResult {
  return {
    figure: 'store-commit',
    backend: 'embedded',
    values: {
      liveRuns: LIVE_RUNS,
      commits: COMMITS,
      cpuMicrosPerRow: round(run.cpuMicrosPerRow, 1),
      rowsPerSecond: Math.round(run.rowsPerSecond),
    },
    target: 'measured (no target)',
    met: null,
    result: `${formatNumber(LIVE_RUNS)} live runs, ${COMMITS} group commits: ${formatNumber(run.cpuMicrosPerRow, 1)} µs of CPU per stored row, ${formatNumber(run.rowsPerSecond)} rows/s`,
    anchor: '–',
  };
}
