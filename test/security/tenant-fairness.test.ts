// One tenant cannot block another: execution slots are shared between owners (API secrets), at most
// MAX_RUNS_PER_OWNER of one owner's runs execute at once (default: half the slots when several secrets
// share the server), and waiting runs are taken round-robin between owners. Once per backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, twoTenants } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { waitingRun, waitUntil } from '../support/waiting-run';

const { apiSecret, alpha, beta } = twoTenants('fairness');

describe.each(BACKENDS)('%s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, {
      API_SECRET: apiSecret,
      MAX_CONCURRENT_RUNS: '8',
      LOCAL_TOKEN_DELAY_MS: '0',
      CHANNEL_WAIT_TIMEOUT_MS: '120000',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const statusOf = async (channelId: string, headers: Record<string, string>) => {
    const response = await fetch(`${server.url}/api/runs/${channelId}`, { headers });
    return ((await response.json()) as { run: { status: string } }).run.status;
  };
  const statusesOf = (channels: string[], headers: Record<string, string>) =>
    Promise.all(channels.map((channelId) => statusOf(channelId, headers)));
  const count = (statuses: string[], status: string) => statuses.filter((value) => value === status).length;

  it("one tenant's eight waiting runs leave a slot for another tenant's run, which completes at once", async () => {
    const channel = `approvals-${backendName}-${Date.now()}`;
    const held: string[] = [];
    for (let index = 0; index < 8; index += 1)
      held.push(await dispatch(server.url, waitingRun(channel), alpha));
    // Alpha gets half of the eight slots; its other four runs wait in the queue. In one process a run
    // waiting for its channel lends its slot, up to the owner's cap: alpha's other four start and wait
    // too, holding alpha's four slots (BullMQ workers keep a waiting job's slot).
    const waitingAtOnce = backendName === 'embedded' ? 8 : 4;
    const statuses = await waitUntil(
      () => statusesOf(held, alpha),
      (value) => count(value, 'waiting') === waitingAtOnce,
      20_000,
      `${waitingAtOnce} of alpha’s runs waiting for their channel`,
    );
    expect(count(statuses, 'queued')).toBe(8 - waitingAtOnce);

    const betaRun = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] }, beta);
    await waitUntil(
      () => statusOf(betaRun, beta),
      (status) => status === 'completed',
      20_000,
      'beta’s run completed',
    );
    // Still capped: none of alpha's queued runs took the slot beta's run gave back.
    expect(count(await statusesOf(held, alpha), 'waiting')).toBe(waitingAtOnce);

    // A publish answers every run waiting at that moment, and each freed slot goes to alpha's next
    // queued run. Published whenever a run waits: eight publishes sent at once could all reach one run
    // (a copy each, of which it takes one) and leave a run that starts waiting later without an answer.
    let published = 0;
    await waitUntil(
      async () => {
        const value = await statusesOf(held, alpha);
        if (count(value, 'waiting') > 0) {
          const answer = { message: { ok: (published += 1) } };
          expect(
            (await postJson(`${server.url}/api/v1/channel/${channel}/publish`, answer, alpha)).status,
          ).toBe(200);
        }
        return value;
      },
      (value) => count(value, 'completed') === 8,
      30_000,
      'all of alpha’s runs completed',
    );
  });
});
