// The same restart on the Redis backend: the web process that drives a batch (and executes its runs)
// is killed; when it starts again the experiment carries on from Redis. The run it was executing is
// failed by the worker lock expiring, the queued one runs, inputs not yet sent are sent.
import { afterAll, describe, expect, it } from 'vitest';
import { allEnded, createExperiment, getExperiment, waitForCells } from '../support/experiments';
import { startServer, type RunningServer } from '../support/next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

const prefix = uniquePrefix('experiments');
const inspector = testRedis();
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  await dropPrefix(inspector, prefix);
  await inspector.quit();
});

const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix, MAX_CONCURRENT_RUNS: '1', WORKER_LOCK_MS: '2000' };

describe('an experiment on Redis across a restart of its web process', () => {
  it('dispatches the rest after the restart and marks the run cut off failed', async () => {
    const first = await startServer({ env: { ...env, LOCAL_TOKEN_DELAY_MS: '20' } });
    servers.push(first);
    const experiment = await createExperiment(first.url, {
      kind: 'batch',
      request: { messages: [{ type: 'user', text: '' }] },
      variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }],
      rows: Array.from({ length: 4 }, (_, index) => ({ n: String(index) })),
      messageTemplate: 'repeat 300 {{n}}',
      concurrency: 2,
    });
    const inFlight = await waitForCells(
      first.url,
      experiment.id,
      (cells) => cells.filter((cell) => cell.status === 'running').length === 2,
    );
    await expect
      .poll(
        async () => (await (await fetch(`${first.url}/api/runs/${inFlight[0].channelId}`)).json()).run.status,
      )
      .toBe('running');
    await first.kill();

    const second = await startServer({ env });
    servers.push(second);
    expect(second.output()).toMatch(/"resumed":1,"msg":"resumed running experiments"/);
    const cells = await waitForCells(second.url, experiment.id, allEnded, 120_000);
    expect(cells).toHaveLength(8);
    const failed = cells.filter((cell) => cell.status === 'failed');
    expect(failed.map((cell) => [cell.row, cell.variant])).toEqual([[0, 0]]);
    expect(failed[0].error).toBe('Its worker stopped');
    expect(cells.filter((cell) => cell.status === 'completed')).toHaveLength(7);
    expect(cells[1].channelId).toBe(inFlight[1].channelId);
    await expect.poll(async () => (await getExperiment(second.url, experiment.id)).status).toBe('finished');
  }, 180_000);
});
