// "Every event is stored before any subscriber sees it", shown so that the opposite order would fail.
// The real executor writes a run's events through the real store and bus of each backend, and a real
// channel subscription reads them, but every append is held for a moment before it reaches the store.
// During that hold the events exist only in the writer: a path that handed them to subscribers before
// (or without) storing them would deliver a line whose seq the store has not committed yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend as createEmbeddedBackend } from '@/lib/backends/embedded';
import { createBackend as createRedisBackend } from '@/lib/backends/redis';
import type { Backend } from '@/lib/backends/types';
import { streamOfChunkSource } from '@/lib/channel/chunk-source';
import { channelSubscription } from '@/lib/channel/subscription';
import { parseConfig } from '@/lib/config';
import { executeRun } from '@/lib/runs/executor';
import type { RunStore } from '@/lib/store/types';
import { tempDataDir } from '../support/next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

const TOKENS = 300;

/** The store, with each append (single or grouped) held for one macrotask first; `committedSeq` is what it holds for sure. */
function holdingStore(store: RunStore) {
  const state = { committedSeq: 0, appends: 0 };
  const appendEvents: RunStore['appendEvents'] = async (channelId, events, patch, onlyIfStatus) => {
    await new Promise((resolve) => setImmediate(resolve));
    const stored = await store.appendEvents(channelId, events, patch, onlyIfStatus);
    state.appends += 1;
    state.committedSeq = Math.max(state.committedSeq, stored.at(-1)?.seq ?? 0);
    return stored;
  };
  // The group commit of the event writer: every run's pending events in one write.
  const appendEventBatches: RunStore['appendEventBatches'] = async (appends) => {
    await new Promise((resolve) => setImmediate(resolve));
    const results = await store.appendEventBatches(appends);
    state.appends += 1;
    for (const stored of results)
      if (!(stored instanceof Error))
        state.committedSeq = Math.max(state.committedSeq, stored.at(-1)?.seq ?? 0);
    return results;
  };
  const held = new Proxy(store, {
    get(target, property) {
      if (property === 'appendEvents') return appendEvents;
      if (property === 'appendEventBatches') return appendEventBatches;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: held, state };
}

const backends: [string, () => Promise<{ backend: Backend; config: ReturnType<typeof parseConfig> }>][] = [
  [
    'embedded',
    async () => {
      const config = parseConfig({ DATA_DIR: tempDataDir(), LOCAL_TOKEN_DELAY_MS: '1' });
      return { backend: await createEmbeddedBackend(config), config };
    },
  ],
  [
    'redis',
    async () => {
      const config = parseConfig({
        REDIS_URL,
        REDIS_KEY_PREFIX: uniquePrefix('stored-first'),
        LOCAL_TOKEN_DELAY_MS: '1',
        DATA_DIR: tempDataDir(),
      });
      return { backend: await createRedisBackend(config), config };
    },
  ],
];

describe.each(backends)('%s backend', (_name, open) => {
  let backend: Backend;
  let config: ReturnType<typeof parseConfig>;
  beforeAll(async () => {
    ({ backend, config } = await open());
  });
  afterAll(async () => {
    await backend?.close();
    if (config?.REDIS_URL) {
      const inspector = testRedis();
      await dropPrefix(inspector, config.REDIS_KEY_PREFIX);
      await inspector.quit();
    }
  });

  it('delivers each line only once the store holds its event, even while appends are held', async () => {
    const { store, state } = holdingStore(backend.store);
    const channelId = `stored-first-${Date.now()}`;
    await backend.store.createRun({
      channelId,
      owner: 'public',
      engine: 'local',
      model: 'local',
      request: { messages: [{ type: 'user', text: `repeat ${TOKENS}` }] },
      timezone: 'UTC',
      title: 'stored first',
      createdAt: Date.now(),
    });
    const deps = { store, bus: backend.bus };
    const reader = streamOfChunkSource(channelSubscription(channelId, 0, deps)).getReader();
    const run = executeRun(channelId, new AbortController().signal, { ...deps, config });

    const decoder = new TextDecoder();
    let pending = '';
    const seen: { seq: number; committedSeq: number }[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      pending += decoder.decode(chunk.value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      // Checked the moment the line is read, before anything else can run.
      for (const line of lines)
        seen.push({ seq: Number(JSON.parse(line).id), committedSeq: state.committedSeq });
    }
    await run;

    expect(seen.map((line) => line.seq)).toEqual(seen.map((_, index) => index + 1));
    expect(seen.length).toBeGreaterThan(TOKENS);
    expect(seen.filter((line) => line.seq > line.committedSeq)).toEqual([]);
    // The holds were real: the run was written in several appends, each held.
    expect(state.appends).toBeGreaterThan(1);
  });
});
