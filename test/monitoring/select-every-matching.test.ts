// The runs list's "Select every run that matches" past the thousand one action request takes: the browser's
// own code (listMatchingRuns, applyRunAction) against the real server on both backends, its relative
// addresses sent to that server. Thousands of chosen runs are read page by page and cancelled in one request
// per thousand; a limit on how many are read says that older ones were left.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listMatchingRuns } from '@/lib/client/api';
import { applyRunAction } from '@/lib/client/run-actions';
import { dispatch } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { waitFor } from '../support/webhook-receiver';

const RUNS = 2_100;
const realFetch = globalThis.fetch;

/** Sends the browser code's relative addresses ("/api/runs?…") to `baseUrl`, and counts what it sent. */
function routeFetchTo(baseUrl: string, sent: string[]) {
  globalThis.fetch = (input, init) => {
    const address = String(input);
    sent.push(`${init?.method ?? 'GET'} ${address.split('?')[0]}`);
    return realFetch(address.startsWith('/') ? `${baseUrl}${address}` : input, init);
  };
}

describe.each(BACKENDS)('every matching run, thousands of them, on the %s backend', (backendName) => {
  let server: RunningBackend;
  const marker = `many-${backendName}-${Date.now()}`;
  beforeAll(async () => {
    server = await startBackend(backendName, {
      MAX_CONCURRENT_RUNS: '2',
      MAX_QUEUED_RUNS: '5000',
      LOCAL_TOKEN_DELAY_MS: '20',
    });
    const body = { messages: [{ type: 'user', text: `repeat 100000 ${marker}` }] };
    for (let start = 0; start < RUNS; start += 50)
      await Promise.all(Array.from({ length: Math.min(50, RUNS - start) }, () => dispatch(server.url, body)));
  }, 120_000);
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await server?.stop();
  });

  it('reads at most the limit asked for and says more matched', async () => {
    routeFetchTo(server.url, []);
    const read: number[] = [];
    const { runs, more } = await listMatchingRuns(
      { search: marker },
      { max: 450, onProgress: (count) => read.push(count) },
    );
    expect(runs).toHaveLength(450);
    expect(more).toBe(true);
    expect(read).toEqual([200, 400, 450]);
  });

  it(`chooses all ${RUNS.toLocaleString()} and cancels them in one request per thousand`, async () => {
    const sent: string[] = [];
    routeFetchTo(server.url, sent);
    const { runs, more } = await listMatchingRuns({ search: marker });
    expect(more).toBe(false);
    expect(new Set(runs.map((run) => run.channelId)).size).toBe(RUNS);

    sent.length = 0;
    const report = await applyRunAction(
      'cancel',
      runs.map((run) => run.channelId),
    );
    expect(report).toEqual({ kind: 'cancel', done: RUNS, failures: [] });
    expect(sent).toEqual(Array(3).fill('POST /api/runs/actions'));

    await waitFor('every run to be cancelled', async () => {
      const cancelled = await listMatchingRuns({ search: marker, status: 'cancelled' });
      return cancelled.runs.length === RUNS ? true : undefined;
    });
  }, 120_000);
});
