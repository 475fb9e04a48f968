// A server killed mid-batch: after the restart the experiment carries on by itself, on both backends.
// Inputs not yet sent are sent, the run cut off by the crash is marked failed (embedded: at the
// restart's recovery; Redis: when its worker lock expires), the run queued behind it runs on its
// original channel (not dispatched twice), the rest complete.
import { afterAll, describe, expect, it } from 'vitest';
import { allEnded, createExperiment, getExperiment, waitForCells } from '../support/experiments';
import { startServer, tempDataDir, type RunningServer } from '../support/next-server';
import { dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

const prefix = uniquePrefix('experiments');
const inspector = testRedis();
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  await dropPrefix(inspector, prefix);
  await inspector.quit();
});

interface Backend {
  name: string;
  /** Environment for both servers; each call of `embedded` gets its own data directory. */
  env: () => Record<string, string>;
  interruptedError: string;
}

const backends: Backend[] = [
  {
    name: 'embedded',
    env: () => ({ DATA_DIR: tempDataDir() }),
    interruptedError: 'Interrupted by a server restart',
  },
  {
    name: 'Redis',
    env: () => ({ REDIS_URL, REDIS_KEY_PREFIX: prefix, WORKER_LOCK_MS: '2000' }),
    interruptedError: 'Its worker stopped',
  },
];

const ROWS = 4;

describe.each(backends)('an experiment across a server restart ($name)', (backend) => {
  it('dispatches the rest after the restart and marks the interrupted run failed', async () => {
    const env = { ...backend.env(), MAX_CONCURRENT_RUNS: '1' };
    const first = await startServer({ env: { ...env, LOCAL_TOKEN_DELAY_MS: '20' } });
    servers.push(first);
    const experiment = await createExperiment(first.url, {
      kind: 'batch',
      request: { messages: [{ type: 'user', text: '' }] },
      variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }],
      rows: Array.from({ length: ROWS }, (_, index) => ({ n: String(index) })),
      messageTemplate: 'repeat 300 {{n}}',
      concurrency: 2,
    });
    // One run executing (MAX_CONCURRENT_RUNS=1), one queued behind it, the other inputs not yet sent.
    const inFlight = await waitForCells(
      first.url,
      experiment.id,
      (cells) => cells.filter((cell) => cell.status === 'running').length === 2,
    );
    // Which of the two took the slot depends on which dispatch reached the queue first.
    const statusOf = async (channelId?: string) =>
      (await (await fetch(`${first.url}/api/runs/${channelId}`)).json()).run.status as string;
    const sent = inFlight.filter((cell) => cell.status === 'running');
    let statuses: string[] = [];
    await expect
      .poll(async () => {
        statuses = await Promise.all(sent.map((cell) => statusOf(cell.channelId)));
        return [...statuses].sort();
      })
      .toEqual(['queued', 'running']);
    const executing = sent[statuses.indexOf('running')];
    const waiting = sent[statuses.indexOf('queued')];
    await first.kill();

    const second = await startServer({ env });
    servers.push(second);
    // The server resumes experiments as it starts (instrumentation.ts), not before it first answers: under
    // load its line can come after the first request.
    await expect
      .poll(() => second.output(), { timeout: 10_000 })
      .toMatch(/"resumed":1,"msg":"resumed running experiments"/);
    const cells = await waitForCells(second.url, experiment.id, allEnded, 120_000);
    expect(cells).toHaveLength(ROWS * 2);
    const failed = cells.filter((cell) => cell.status === 'failed');
    expect(failed.map((cell) => [cell.row, cell.variant])).toEqual([[executing.row, executing.variant]]);
    expect(failed[0].error).toBe(backend.interruptedError);
    expect(cells.filter((cell) => cell.status === 'completed')).toHaveLength(ROWS * 2 - 1);
    // The queued run kept its channel: it ran after the restart, not a twin of it.
    const resumed = cells.find((cell) => cell.row === waiting.row && cell.variant === waiting.variant);
    expect(resumed?.channelId).toBe(waiting.channelId);
    await expect.poll(async () => (await getExperiment(second.url, experiment.id)).status).toBe('finished');
    // The list tells this finished batch from a clean one.
    expect((await getExperiment(second.url, experiment.id)).unansweredCells).toBe(1);
  }, 180_000);
});
