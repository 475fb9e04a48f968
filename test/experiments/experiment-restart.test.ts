// A server killed mid-batch: after the restart the experiment carries on by itself. Inputs not yet
// sent are sent, a cell whose run was cut off by the crash is marked failed, the rest complete.
import { afterAll, describe, expect, it } from 'vitest';
import { allEnded, createExperiment, getExperiment, waitForCells } from '../support/experiments';
import { startServer, tempDataDir, type RunningServer } from '../support/next-server';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('an experiment across a server restart', () => {
  it('dispatches the rest after the restart and marks the interrupted run failed', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({
      dataDir,
      env: { LOCAL_TOKEN_DELAY_MS: '20', MAX_CONCURRENT_RUNS: '1' },
    });
    servers.push(first);
    const experiment = await createExperiment(first.url, {
      kind: 'batch',
      request: { messages: [{ type: 'user', text: '' }] },
      variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }],
      rows: Array.from({ length: 5 }, (_, index) => ({ n: String(index) })),
      messageTemplate: 'repeat 300 {{n}}',
      concurrency: 2,
    });
    // One run executing (MAX_CONCURRENT_RUNS=1), one queued behind it, eight inputs not yet sent.
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

    const second = await startServer({ dataDir });
    servers.push(second);
    expect(second.output()).toMatch(/"resumed":1,"msg":"resumed running experiments"/);
    const cells = await waitForCells(second.url, experiment.id, allEnded, 120_000);
    expect(cells).toHaveLength(10);
    const failed = cells.filter((cell) => cell.status === 'failed');
    expect(failed.map((cell) => [cell.row, cell.variant])).toEqual([[0, 0]]);
    expect(failed[0].error).toBe('Interrupted by a server restart');
    expect(cells.filter((cell) => cell.status === 'completed')).toHaveLength(9);
    // The run queued at the crash ran after it, on its original channel (not dispatched twice).
    expect(cells[1].channelId).toBe(inFlight[1].channelId);
    await expect.poll(async () => (await getExperiment(second.url, experiment.id)).status).toBe('finished');
  }, 180_000);
});
