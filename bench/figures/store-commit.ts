// Figure — a store's group commit as item 1's paced runs make it: 1,000 live runs, each adding a batch of
// two tokens to its channel in every commit, 100 commits (100,000 rows, about what the 1,000-run capacity
// figure stores). Measured in this process on a fresh store: the CPU per stored row of this process (the
// commits; for SQLite also the WAL checkpoints on the store's checkpoint thread) and, on Redis, of the
// Redis server (INFO cpu), and the rows stored per second. It isolates the store's part of the capacity
// figures' CPU per token, which they, with a paced upstream and a thousand streams on the same cores,
// cannot tell apart from their noise. On Redis this process stands where a worker does. Then one commit
// ends all the runs, as when a batch of paced runs finishes together: its time is how long it holds the
// event loop (embedded) or the worker's (Redis).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { SqliteRunStore } from '../../lib/backends/embedded/sqlite-store';
import { connectRedis } from '../../lib/backends/redis/connection';
import { redisKeys } from '../../lib/backends/redis/keys';
import { RedisRunStore } from '../../lib/backends/redis/store';
import type { ChannelEvent } from '../../lib/events';
import { STARTED_LIVE_STATUSES as WHILE_LIVE } from '../../lib/run-status';
import type { RunStore } from '../../lib/store/types';
import { redisServerCpuMs } from '../cpu-accounting';
import { formatNumber, type FigureResult } from '../figure';
import { round } from '../stats';
import { deleteKeys, REDIS_URL } from '../targets';

const LIVE_RUNS = 1_000;
const COMMITS = 100;
const HOUR = 60 * 60 * 1000;

export interface StoreCommitRun {
  /** This process's CPU and, on Redis, the Redis server's, per stored row. */
  cpuMicrosPerRow: number;
  /** The Redis server's share of it (0 for SQLite). */
  serverCpuMicrosPerRow: number;
  rowsPerSecond: number;
  /** The commit that ends all the runs at once (as they do when a batch of paced runs finishes), in ms. */
  endCommitMs: number;
}

const token = (text: string): ChannelEvent => ({ type: 'token', data: { token: text } });

interface StoreUnderTest {
  store: RunStore;
  /** CPU seconds of the store's server so far (0 when it has none). */
  serverCpuSeconds(): Promise<number>;
  remove(): Promise<void>;
}

function sqliteStore(): StoreUnderTest {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-commit-'));
  const store = new SqliteRunStore(path.join(dir, 'dispatch.sqlite'));
  return {
    store,
    serverCpuSeconds: async () => 0,
    async remove() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function redisStore(): StoreUnderTest {
  const prefix = `bench-commit-${process.pid}-${Date.now()}:`;
  const store = new RedisRunStore(connectRedis(REDIS_URL, prefix, 'commands'), redisKeys(prefix), HOUR);
  const inspector = new Redis(REDIS_URL);
  return {
    store,
    serverCpuSeconds: async () => (await redisServerCpuMs(inspector)) / 1000,
    async remove() {
      await store.close();
      inspector.disconnect();
      await deleteKeys(prefix);
    },
  };
}

export async function measureStoreCommit(backend: 'embedded' | 'redis'): Promise<StoreCommitRun> {
  const { store, serverCpuSeconds, remove } = backend === 'redis' ? redisStore() : sqliteStore();
  try {
    const channels = Array.from({ length: LIVE_RUNS }, () => randomUUID());
    for (const channelId of channels) {
      await store.createRun({
        channelId,
        owner: 'bench',
        engine: 'local',
        model: 'local',
        request: { messages: [{ type: 'user', text: 'repeat 200' }] },
        timezone: 'UTC',
        title: 'repeat 200',
        createdAt: Date.now(),
      });
    }
    const firstEvents: ChannelEvent[] = [{ type: 'completeBegin', data: {} }];
    await store.appendEventBatches(
      channels.map((channelId) => ({
        channelId,
        events: firstEvents,
        runPatch: { status: 'running', startedAt: Date.now() },
      })),
    );
    const serverBefore = await serverCpuSeconds();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let commit = 0; commit < COMMITS; commit += 1) {
      await store.appendEventBatches(
        channels.map((channelId) => ({
          channelId,
          events: [token(' word'), token(' more')],
          onlyIfStatus: WHILE_LIVE,
        })),
      );
      // A turn between commits, as the event writer leaves one: the checkpoint thread runs meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const serverMicros = ((await serverCpuSeconds()) - serverBefore) * 1e6;
    const rows = LIVE_RUNS * COMMITS;
    const endStarted = performance.now();
    await store.appendEventBatches(
      channels.map((channelId) => ({
        channelId,
        events: [{ type: 'completeEnd', data: {} }],
        runPatch: { status: 'completed', endedAt: Date.now(), outputTokens: 2 * COMMITS },
        onlyIfStatus: WHILE_LIVE,
      })),
    );
    const endCommitMs = performance.now() - endStarted;
    return {
      endCommitMs,
      cpuMicrosPerRow: (cpu.user + cpu.system + serverMicros) / rows,
      serverCpuMicrosPerRow: serverMicros / rows,
      rowsPerSecond: rows / seconds,
    };
  } finally {
    await remove();
  }
}

export function storeCommitFigure(backend: 'embedded' | 'redis', run: StoreCommitRun): FigureResult {
  return {
    figure: 'store-commit',
    backend,
    values: {
      liveRuns: LIVE_RUNS,
      commits: COMMITS,
      cpuMicrosPerRow: round(run.cpuMicrosPerRow, 1),
      ...(backend === 'redis' && { redisServerCpuMicrosPerRow: round(run.serverCpuMicrosPerRow, 1) }),
      rowsPerSecond: Math.round(run.rowsPerSecond),
      endCommitMs: round(run.endCommitMs, 1),
    },
    target: 'measured (no target)',
    met: null,
    result: `${formatNumber(LIVE_RUNS)} live runs, ${COMMITS} group commits: ${formatNumber(run.cpuMicrosPerRow, 1)} µs of CPU per stored row${backend === 'redis' ? ` (Redis server ${formatNumber(run.serverCpuMicrosPerRow, 1)})` : ''}, ${formatNumber(run.rowsPerSecond)} rows/s; the commit ending all ${formatNumber(LIVE_RUNS)} runs ${formatNumber(run.endCommitMs, 1)} ms`,
    anchor: '–',
  };
}
