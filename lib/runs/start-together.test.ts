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

  it('start together: the first events of a burst of dispatches are stored in one commit, not one each', async () => {
    backend = await createBackend(config);
    const { store, bus, queue } = backend;
    const commits: string[][] = [];
    const appendEventBatches = store.appendEventBatches.bind(store);
    store.appendEventBatches = (appends: readonly EventAppend[]) => {
      commits.push(
        appends.filter((append) => append.events[0]?.type === 'completeBegin').map((a) => a.channelId),
      );
      return appendEventBatches(appends);
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
    const withFirstEvents = commits.filter((runs) => runs.length > 0);
    expect(withFirstEvents).toHaveLength(1);
    expect(new Set(withFirstEvents[0])).toEqual(new Set(channelIds));
  });
});
