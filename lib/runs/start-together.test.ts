import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../backends/embedded';
import type { Backend } from '../backends/types';
import { parseConfig } from '../config';
import { tempDataDir } from '../../test/support/next-server';
import type { EventAppend } from '../store/types';
import { RunService } from './service';

describe('runs dispatched together', () => {
  const config = parseConfig({
    DATA_DIR: tempDataDir(),
    LOCAL_TOKEN_DELAY_MS: '0',
    MAX_CONCURRENT_RUNS: '100',
  });
  let backend: Backend;
  afterAll(() => backend?.close());

  it('start together: each run of a burst stores its first event with its start, in one write, and no commit carries it again', async () => {
    backend = await createBackend(config);
    const { store, bus, queue } = backend;
    const commits: string[][] = [];
    const starts: string[] = [];
    const transitions: string[] = [];
    const appendEventBatches = store.appendEventBatches.bind(store);
    store.appendEventBatches = (appends: readonly EventAppend[]) => {
      commits.push(
        appends.filter((append) => append.events[0]?.type === 'completeBegin').map((a) => a.channelId),
      );
      return appendEventBatches(appends);
    };
    const appendEvents = store.appendEvents.bind(store);
    store.appendEvents = (channelId, events, runPatch, onlyIfStatus) => {
      if (events[0]?.type === 'completeBegin' && runPatch?.status === 'running') starts.push(channelId);
      return appendEvents(channelId, events, runPatch, onlyIfStatus);
    };
    const transitionRun = store.transitionRun.bind(store);
    store.transitionRun = (channelId, from, patch) => {
      if (patch.status === 'running') transitions.push(channelId);
      return transitionRun(channelId, from, patch);
    };
    const service = new RunService({ store, bus, queue, config });
    const dispatched = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.enqueueDispatch({
          request: { messages: [{ type: 'user', text: 'repeat 3' }] },
          timezone: 'UTC',
          owner: 'owner',
        }),
      ),
    );
    const channelIds = dispatched.map((run) => run.channelId);
    await expect
      .poll(async () =>
        (await Promise.all(channelIds.map((id) => store.getRun(id)))).map((run) => run?.status),
      )
      .toEqual(channelIds.map(() => 'completed'));
    expect(commits.filter((runs) => runs.length > 0)).toEqual([]);
    expect(transitions).toEqual([]);
    expect(new Set(starts)).toEqual(new Set(channelIds));
    expect(starts).toHaveLength(channelIds.length);
    for (const channelId of channelIds) {
      const [first] = await store.readEventJson(channelId, 0, 1);
      expect(first).toMatchObject({ seq: 1 });
      expect(JSON.parse(first.json)).toEqual({ type: 'completeBegin', data: {} });
    }
  });

  it('a short run at full speed takes three store writes: its creation, its start with completeBegin, its tokens with its end', async () => {
    const own = await createBackend(parseConfig({ DATA_DIR: tempDataDir(), LOCAL_TOKEN_DELAY_MS: '0' }));
    try {
      const { store, bus, queue } = own;
      const writes: string[] = [];
      for (const name of ['createRun', 'updateRun', 'transitionRun', 'appendEvents', 'appendEventBatches'] as const) {
        const original = store[name].bind(store) as (...args: unknown[]) => Promise<unknown>;
        Object.assign(store, { [name]: (...args: unknown[]) => (writes.push(name), original(...args)) });
      }
      const service = new RunService({ store, bus, queue, config });
      for (let index = 0; index < 5; index += 1) {
        writes.length = 0;
        const { channelId } = await service.enqueueDispatch({
          request: { messages: [{ type: 'user', text: 'repeat 3' }] },
          timezone: 'UTC',
          owner: 'owner',
        });
        await expect.poll(async () => (await store.getRun(channelId))?.status).toBe('completed');
        expect(writes).toEqual(['createRun', 'appendEvents', 'appendEventBatches']);
        expect((await store.getRun(channelId))?.firstTokenAt).toBeGreaterThan(0);
      }
    } finally {
      await own.close();
    }
  });
});
