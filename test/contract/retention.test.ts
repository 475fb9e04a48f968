// Ended runs and their events expire RETENTION_DAYS after they end, on both backends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';

/** 0.00003 days is about 2.6 s. */
const RETENTION_DAYS = '0.00003';

describe.each(BACKENDS)('retention on the %s backend', (backendName) => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startBackend(backendName, {
      RETENTION_DAYS,
      MAX_CONCURRENT_RUNS: '4',
      LOCAL_TOKEN_DELAY_MS: '10',
    });
  });
  afterAll(() => backend?.stop());

  it('deletes an ended run and its events after RETENTION_DAYS, and keeps a run still in progress', async () => {
    const ended = await dispatch(backend.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
    expect((await subscribe(backend.url, ended)).lines.length).toBeGreaterThan(3);
    const endedAt = Date.now();
    const slow = await dispatch(backend.url, { messages: [{ type: 'user', text: 'repeat 1000' }] }); // still running later
    expect((await fetch(`${backend.url}/api/runs/${ended}`)).status).toBe(200);
    await expect
      .poll(async () => (await fetch(`${backend.url}/api/runs/${ended}`)).status, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(404);
    expect(Date.now() - endedAt).toBeGreaterThan(2_000);
    expect((await subscribe(backend.url, ended)).status).toBe(404);
    expect(await backend.storedLastSeq(ended)).toBe(0);
    const list = await (await fetch(`${backend.url}/api/runs?limit=100`)).json();
    expect(list.items.map((run: { channelId: string }) => run.channelId)).not.toContain(ended);
    expect((await fetch(`${backend.url}/api/runs/${slow}`)).status).toBe(200);
    await fetch(`${backend.url}/api/runs/${slow}/cancel`, { method: 'POST' });
  });
});
