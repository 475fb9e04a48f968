// The monitoring parts of the RunStore contract, on SQLite and Redis alike: list filters and search,
// notices journaled with status changes, and the overview's pre-aggregated buckets.
import { afterAll, describe, expect, it } from 'vitest';
import { latencyBin } from '@/lib/store/overview-buckets';
import type { NewRun } from '@/lib/store/types';
import { storeBackends } from '../support/store-backends';

const HOUR = 60 * 60 * 1000;
const { backends, dropAll } = storeBackends('monitor-store');
afterAll(dropAll);

/** The start of the current minute, read from one clock reading: two readings can fall either side of a minute. */
function startOfMinuteNow(): number {
  const now = Date.now();
  return now - (now % 60_000);
}

let counter = 0;
function newRun(owner: string, overrides: Partial<NewRun> = {}): NewRun {
  counter += 1;
  return {
    channelId: `monitor-${counter}-${Date.now()}`,
    owner,
    engine: 'local',
    model: 'local',
    request: { messages: [{ type: 'user', text: 'hello' }] },
    timezone: 'UTC',
    title: 'hello',
    createdAt: Date.now(),
    ...overrides,
  } as NewRun;
}

describe.each(backends)('monitoring store contract: %s', (name, makeStore) => {
  const store = makeStore();
  afterAll(() => store.close());

  it('finds runs by text in the first message, channel id, model or function names, and filters by engine and time', async () => {
    const owner = `search-${name}-${Date.now()}`;
    const now = Date.now();
    const weather = newRun(owner, {
      title: 'What is the Weather in Paris?',
      request: {
        messages: [{ type: 'user', text: 'x' }],
        functions: [
          { name: 'getForecast', description: 'd', parameters: { type: 'object', properties: {} } },
        ],
      },
      createdAt: now - 2 * HOUR,
    } as Partial<NewRun>);
    const openai = newRun(owner, {
      engine: 'openai',
      model: 'gpt-4o-mini',
      title: 'Summarise 100% of it_now',
      createdAt: now - 1000,
    });
    await store.createRun(weather);
    await store.createRun(openai);
    const ids = async (query: Record<string, unknown>) =>
      (await store.listRuns({ owner, limit: 10, ...query })).items.map((run) => run.channelId);

    expect(await ids({ search: 'weather in' })).toEqual([weather.channelId]);
    expect(await ids({ search: 'GETFORECAST' })).toEqual([weather.channelId]);
    expect(await ids({ search: 'gpt-4o' })).toEqual([openai.channelId]);
    expect(await ids({ search: weather.channelId.slice(0, 12) })).toContain(weather.channelId);
    // LIKE wildcards are matched literally.
    expect(await ids({ search: '100%' })).toEqual([openai.channelId]);
    expect(await ids({ search: 'it_now' })).toEqual([openai.channelId]);
    expect(await ids({ search: '_' })).toEqual([openai.channelId]);
    expect(await ids({ engine: 'openai' })).toEqual([openai.channelId]);
    expect(await ids({ createdAfter: now - HOUR })).toEqual([openai.channelId]);
    expect(await ids({})).toEqual([openai.channelId, weather.channelId]);
    // The record itself does not carry the search text.
    expect((await store.getRun(weather.channelId)) as object).not.toHaveProperty('search');
    expect((await store.listRuns({ owner, limit: 10 })).items[0]).not.toHaveProperty('search');
  });

  it('finds the retries of a run by the run’s channel id', async () => {
    const owner = `retries-${name}-${Date.now()}`;
    const original = newRun(owner, { title: 'first try' });
    const retry = newRun(owner, { title: 'second try', retryOf: original.channelId });
    await store.createRun(original);
    await store.createRun(retry);
    const found = await store.listRuns({ owner, limit: 10, search: original.channelId });
    expect(found.items.map((run) => run.channelId).sort()).toEqual(
      [original.channelId, retry.channelId].sort(),
    );
  });

  it('journals a notice when a run starts waiting and when it ends, with its figures at that moment', async () => {
    const owner = `notices-${name}-${Date.now()}`;
    const before = await store.lastNoticeId();
    const run = newRun(owner, { model: 'local', createdAt: Date.now() - 500 });
    await store.createRun(run);
    await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt: Date.now() });
    await store.appendEvents(run.channelId, [{ type: 'token', data: { token: 'a' } }], { outputTokens: 1 });
    await store.transitionRun(run.channelId, ['running'], { status: 'waiting' });
    await store.transitionRun(run.channelId, ['waiting'], { status: 'running' });
    const endedAt = Date.now();
    await store.appendEvents(run.channelId, [{ type: 'error', data: { message: 'boom' } }], {
      status: 'failed',
      endedAt,
      error: 'boom',
      outputTokens: 3,
    });
    const notices = (await store.readNotices(before, 100)).filter(
      (notice) => notice.channelId === run.channelId,
    );
    expect(notices.map((notice) => notice.status)).toEqual(['waiting', 'failed']);
    expect(notices[0]).toMatchObject({ owner, model: 'local', outputTokens: 1 });
    expect(notices[1]).toMatchObject({
      owner,
      outputTokens: 3,
      at: endedAt,
      error: 'boom',
      durationMs: endedAt - run.createdAt,
    });
    expect(await store.lastNoticeId()).toBe(notices[1].id);
    // Ids increase, and reading after the last one gives nothing.
    expect(await store.readNotices(notices[1].id, 10)).toEqual([]);
  });

  it('counts created and ended runs, tokens and latency bins in time buckets of each size', async () => {
    const owner = `buckets-${name}-${Date.now()}`;
    const minute = 60_000;
    const base = startOfMinuteNow() - 5 * minute;
    const end = async (
      status: 'completed' | 'failed' | 'cancelled',
      startOffset: number,
      ttft: number | undefined,
      tokens: number,
    ) => {
      const run = newRun(owner, { createdAt: base + startOffset });
      await store.createRun(run);
      const startedAt = base + startOffset + 10;
      await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt });
      if (ttft !== undefined) await store.updateRun(run.channelId, { firstTokenAt: startedAt + ttft });
      await store.appendEvents(run.channelId, [], {
        status,
        endedAt: base + startOffset + 2000,
        outputTokens: tokens,
      });
      // Ending again changes nothing in the counters.
      await store.updateRun(run.channelId, { endedAt: base + startOffset + 2500 });
    };
    await end('completed', 0, 40, 10);
    await end('completed', 100, 400, 20);
    await end('failed', minute + 100, undefined, 0);
    await end('cancelled', minute + 200, 40, 5);
    const queued = newRun(owner, { createdAt: base + 2 * minute });
    await store.createRun(queued);

    const buckets = await store.readOverviewBuckets(owner, minute, base);
    expect(buckets.map((bucket) => bucket.start)).toEqual([base, base + minute, base + 2 * minute]);
    expect(buckets[0].fields).toEqual({
      created: 2,
      completed: 2,
      tokens: 30,
      [`ttft:${latencyBin(40)}`]: 1,
      [`ttft:${latencyBin(400)}`]: 1,
      [`duration:${latencyBin(2000)}`]: 2,
    });
    expect(buckets[1].fields).toMatchObject({ created: 2, failed: 1, cancelled: 1, tokens: 5 });
    expect(buckets[2].fields).toEqual({ created: 1 });
    const hours = await store.readOverviewBuckets(owner, 2 * HOUR, base - 2 * HOUR);
    expect(hours.reduce((sum, bucket) => sum + (bucket.fields.created ?? 0), 0)).toBe(5);
    expect(await store.countActiveRuns(owner)).toEqual({ queued: 1, running: 0, waiting: 0 });
  });

  it('counts a run’s time to first token without the time it waited for an answer before it', async () => {
    const owner = `ttft-wait-${name}-${Date.now()}`;
    const minute = 60_000;
    const base = startOfMinuteNow() - 5 * minute;
    const run = newRun(owner, { createdAt: base });
    await store.createRun(run);
    const startedAt = base + 10;
    await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt });
    // 30 s from its start to its first token, 29.96 s of it waiting for a person's answer.
    await store.updateRun(run.channelId, { firstTokenAt: startedAt + 30_000, waitBeforeFirstTokenMs: 29_960 });
    await store.appendEvents(run.channelId, [], { status: 'completed', endedAt: base + 31_000 });

    expect(await store.getRun(run.channelId)).toMatchObject({ waitBeforeFirstTokenMs: 29_960 });
    const [bucket] = await store.readOverviewBuckets(owner, minute, base);
    expect(bucket.fields).toMatchObject({ [`ttft:${latencyBin(40)}`]: 1 });
    expect(bucket.fields[`ttft:${latencyBin(30_000)}`]).toBeUndefined();
  });

  it('counts tokens in the bucket of the moment their count is stored, not all at the run’s end', async () => {
    const owner = `live-tokens-${name}-${Date.now()}`;
    const minute = 60_000;
    const run = newRun(owner);
    await store.createRun(run);
    await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt: Date.now() });
    const liveFrom = startOfMinuteNow();
    await store.appendEvents(run.channelId, [{ type: 'token', data: { token: 'a' } }], { outputTokens: 10 });
    await store.appendEvents(run.channelId, [{ type: 'token', data: { token: 'b' } }], { outputTokens: 25 });
    const liveUntil = startOfMinuteNow();
    // The end is stamped in another minute (five minutes back, as buckets are read up to now): only the
    // tokens stored since the last count go to the end's bucket.
    const endedAt = liveFrom - 5 * minute + 1_000;
    await store.appendEvents(run.channelId, [], { status: 'completed', endedAt, outputTokens: 32 });

    const buckets = await store.readOverviewBuckets(owner, minute, endedAt - minute);
    const tokensIn = (from: number, until: number) =>
      buckets
        .filter((bucket) => bucket.start >= from && bucket.start <= until)
        .reduce((sum, bucket) => sum + (bucket.fields.tokens ?? 0), 0);
    expect(tokensIn(liveFrom, liveUntil)).toBe(25);
    expect(tokensIn(endedAt - (endedAt % minute), endedAt)).toBe(7);
    const hours = await store.readOverviewBuckets(owner, 2 * HOUR, endedAt - 2 * HOUR);
    expect(hours.reduce((sum, bucket) => sum + (bucket.fields.tokens ?? 0), 0)).toBe(32);
  });

  it('counts runs of two owners ended in one group commit as if each had ended alone', async () => {
    const minute = 60_000;
    const base = startOfMinuteNow() - 5 * minute;
    const owners = [`together-a-${name}-${Date.now()}`, `together-b-${name}-${Date.now()}`];
    const runs = owners.flatMap((owner) =>
      [0, 1, 2].map((index) => newRun(owner, { createdAt: base + index })),
    );
    for (const run of runs) {
      await store.createRun(run);
      await store.transitionRun(run.channelId, ['queued'], { status: 'running', startedAt: base + 10 });
    }
    const results = await store.appendEventBatches(
      runs.map((run, index) => ({
        channelId: run.channelId,
        events: [{ type: 'completeEnd', data: {} }],
        runPatch: {
          status: index % 3 === 2 ? ('failed' as const) : ('completed' as const),
          endedAt: base + 2000,
          outputTokens: index + 1,
        },
      })),
    );
    expect(results.every((result) => Array.isArray(result))).toBe(true);
    const [first, second] = await Promise.all(
      owners.map((owner) => store.readOverviewBuckets(owner, minute, base)),
    );
    expect(first).toEqual([
      {
        start: base,
        fields: { created: 3, completed: 2, failed: 1, tokens: 6, [`duration:${latencyBin(2000)}`]: 3 },
      },
    ]);
    expect(second).toEqual([
      {
        start: base,
        fields: { created: 3, completed: 2, failed: 1, tokens: 15, [`duration:${latencyBin(2000)}`]: 3 },
      },
    ]);
  });
});
