// One contract for every ExperimentStore: the embedded SQLite file and Redis keep experiments, their
// inputs and their cells the same way (change versions, merge and replace, status indexes, owners).
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteExperimentStore } from '@/lib/backends/embedded/experiment-store';
import { RedisExperimentStore } from '@/lib/backends/redis/experiment-store';
import type { ExperimentRecord } from '@/lib/experiments/schema';
import type { ExperimentStore } from '@/lib/experiments/store';
import { tempDataDir } from '../support/next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

const redisPrefix = uniquePrefix('experiment-store');
const inspector = testRedis();
const connections: Redis[] = [];

const backends: [string, () => ExperimentStore][] = [
  ['sqlite', () => new SqliteExperimentStore(path.join(tempDataDir(), 'dispatch.sqlite'))],
  [
    'redis',
    () => {
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
      connections.push(redis);
      return new RedisExperimentStore(redis, redisPrefix);
    },
  ],
];

afterAll(async () => {
  await dropPrefix(inspector, redisPrefix);
  await inspector.quit();
  await Promise.all(connections.map((redis) => redis.quit()));
});

let counter = 0;
function experiment(overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  counter += 1;
  return {
    id: `exp_contract_${counter}_${Date.now()}`,
    owner: 'owner-a',
    name: 'Contract',
    kind: 'batch',
    status: 'running',
    createdAt: Date.now() + counter,
    rowCount: 3,
    spec: {
      request: { messages: [] },
      variants: [{ label: 'A' }, { label: 'B' }],
      columns: ['q'],
      messageTemplate: '{{q}}',
      concurrency: 2,
      timezone: 'UTC',
    },
    ...overrides,
  };
}

const rows = [{ q: 'one' }, { q: 'two, with "quotes"' }, { q: 'three\nlines' }];

describe.each(backends)('ExperimentStore on %s', (_name, open) => {
  const store = open();

  it('creates one pending cell per row × variant, every one newer than version 0', async () => {
    const record = experiment();
    await store.createExperiment(record, rows);
    expect(await store.getExperiment(record.id)).toEqual(record);
    const { cells, version } = await store.readChangedCells(record.id, 0);
    expect(version).toBe(6);
    expect(cells.map((cell) => [cell.row, cell.variant, cell.status, cell.attempt])).toEqual([
      [0, 0, 'pending', 0],
      [0, 1, 'pending', 0],
      [1, 0, 'pending', 0],
      [1, 1, 'pending', 0],
      [2, 0, 'pending', 0],
      [2, 1, 'pending', 0],
    ]);
    expect(await store.readRows(record.id, [2, 0, 9])).toEqual(
      new Map([
        [2, rows[2]],
        [0, rows[0]],
      ]),
    );
  });

  it('merges a patch into a cell, gives it the next version, and moves it between status indexes', async () => {
    const record = experiment();
    await store.createExperiment(record, rows);
    await store.updateCell(record.id, 1, 0, { status: 'running', channelId: 'ch-1' });
    await store.updateCell(record.id, 1, 0, {
      status: 'completed',
      output: 'Hi "there"\nsecond',
      outputTokens: 3,
    });
    const changed = await store.readChangedCells(record.id, 6);
    expect(changed.version).toBe(8);
    expect(changed.cells).toEqual([
      {
        row: 1,
        variant: 0,
        attempt: 0,
        status: 'completed',
        channelId: 'ch-1',
        output: 'Hi "there"\nsecond',
        outputTokens: 3,
        version: 8,
      },
    ]);
    expect((await store.readChangedCells(record.id, 8)).cells).toEqual([]);
    expect(await store.getCell(record.id, 1, 0)).toEqual(changed.cells[0]);
    expect(await store.getCell(record.id, 0, 1)).toMatchObject({ row: 0, variant: 1, status: 'pending' });
    expect(await store.getCell(record.id, 9, 0)).toBeUndefined();
    expect((await store.findCells(record.id, 'pending', 10)).map((cell) => [cell.row, cell.variant])).toEqual(
      [
        [0, 0],
        [0, 1],
        [1, 1],
        [2, 0],
        [2, 1],
      ],
    );
    expect((await store.findCells(record.id, 'pending', 2)).map((cell) => [cell.row, cell.variant])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect((await store.findCells(record.id, 'completed', 10)).map((cell) => cell.version)).toEqual([8]);

    // Replace: a retried cell forgets its outcome.
    await store.updateCell(record.id, 1, 0, { status: 'pending', attempt: 1 }, 'replace');
    const [retried] = (await store.readChangedCells(record.id, 8)).cells;
    expect(retried).toEqual({ row: 1, variant: 0, attempt: 1, status: 'pending', version: 9 });
    expect(await store.findCells(record.id, 'completed', 10)).toEqual([]);
  });

  it('lists an owner’s experiments newest first and finds them by status', async () => {
    const owner = `owner-${counter}-${Date.now()}`;
    const older = experiment({ owner });
    const newer = experiment({ owner });
    await store.createExperiment(older, rows);
    await store.createExperiment(newer, rows);
    expect((await store.listExperiments(owner, 10)).map((item) => item.id)).toEqual([newer.id, older.id]);
    expect((await store.listExperiments(owner, 1)).map((item) => item.id)).toEqual([newer.id]);
    expect(await store.listExperiments('nobody', 10)).toEqual([]);

    await store.updateExperiment(older.id, { status: 'cancelled', note: 'stopped', bestVariant: 1 });
    expect(await store.getExperiment(older.id)).toMatchObject({
      status: 'cancelled',
      note: 'stopped',
      bestVariant: 1,
    });
    const running = (await store.findExperimentsByStatus('running')).map((item) => item.id);
    expect(running).toContain(newer.id);
    expect(running).not.toContain(older.id);
    expect((await store.findExperimentsByStatus('cancelled')).map((item) => item.id)).toContain(older.id);
  });
});
