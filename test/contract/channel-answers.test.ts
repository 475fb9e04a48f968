// Who gets a function result, once per backend: an answer given in a run's page reaches that run only;
// a public publish wakes every run of that owner waiting on the channel, or waits (until it expires)
// for the next one; and channel names are per owner, so tenants never meet on one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe, twoTenants } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';

const { apiSecret, alpha, beta } = twoTenants('answers');
const TTL_MS = 1500;

const orderLookup = (channel: string, order = 42) => ({
  messages: [{ type: 'user', text: `Please lookupOrder for order ${order}` }],
  functions: [
    {
      name: 'lookupOrder',
      description: 'Look up an order by its number',
      parameters: { type: 'object', properties: { order: { type: 'integer', description: 'Order number' } } },
      result: { channel },
    },
  ],
});

let unique = 0;
const channelName = (label: string) => `${label}-${Date.now()}-${(unique += 1)}`;

describe.each(BACKENDS)('%s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, {
      API_SECRET: apiSecret,
      LOCAL_TOKEN_DELAY_MS: '2',
      CHANNEL_WAIT_TIMEOUT_MS: '60000',
      PUBLISH_MESSAGE_TTL_MS: String(TTL_MS),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const statusOf = async (channelId: string, headers = alpha) =>
    (
      (await (await fetch(`${server.url}/api/runs/${channelId}`, { headers })).json()) as {
        run: { status: string };
      }
    ).run.status;

  async function waitForStatus(channelId: string, status: string, headers = alpha) {
    await expect.poll(() => statusOf(channelId, headers), { timeout: 20_000, interval: 50 }).toBe(status);
  }

  /** The function result the run's activity message reports (what the waiting function received). */
  async function resultOf(channelId: string, headers = alpha): Promise<unknown> {
    const { lines } = await subscribe(server.url, channelId, {}, { headers });
    const activity = lines.find((line) => line.data.type === 'message' && line.data.data.type === 'activity');
    return (activity?.data.data.meta as { function: { result: unknown } }).function.result;
  }

  const publish = (channel: string, message: unknown, headers = alpha) =>
    postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message }, headers);
  const answer = (channelId: string, channel: string, message: unknown, headers = alpha) =>
    postJson(`${server.url}/api/runs/${channelId}/answer`, { channel, message }, headers);

  it("an answer given in run B's page completes B with it, while A, waiting on the same channel, still waits", async () => {
    const channel = channelName('approvals');
    const runA = await dispatch(server.url, orderLookup(channel, 1), alpha);
    const runB = await dispatch(server.url, orderLookup(channel, 2), alpha);
    await waitForStatus(runA, 'waiting');
    await waitForStatus(runB, 'waiting');

    const response = await answer(runB, channel, { approvedBy: 'page of B' });
    expect(response.status).toBe(200);
    await waitForStatus(runB, 'completed');
    expect(await resultOf(runB)).toEqual({ approvedBy: 'page of B' });
    expect(await statusOf(runA)).toBe('waiting');

    // A then takes the next publish, not B's answer.
    await publish(channel, { approvedBy: 'publish' });
    await waitForStatus(runA, 'completed');
    expect(await resultOf(runA)).toEqual({ approvedBy: 'publish' });
  });

  it('one public publish completes every run of that owner waiting on the channel', async () => {
    const channel = channelName('broadcast');
    const runs = [
      await dispatch(server.url, orderLookup(channel, 1), alpha),
      await dispatch(server.url, orderLookup(channel, 2), alpha),
    ];
    for (const run of runs) await waitForStatus(run, 'waiting');
    expect((await publish(channel, { status: 'shipped' })).status).toBe(200);
    for (const run of runs) {
      await waitForStatus(run, 'completed');
      expect(await resultOf(run)).toEqual({ status: 'shipped' });
    }
  });

  it('a publish nobody waits for is taken by the next waiter, and not after it expired', async () => {
    const channel = channelName('early');
    await publish(channel, { n: 'early' });
    const first = await dispatch(server.url, orderLookup(channel), alpha);
    await waitForStatus(first, 'completed');
    expect(await resultOf(first)).toEqual({ n: 'early' });

    const publishedAt = Date.now();
    await publish(channel, { n: 'stale' });
    // Expiry is the behaviour under test: wait until the message's time to live has passed.
    await expect
      .poll(() => Date.now() - publishedAt, { timeout: 10_000, interval: 100 })
      .toBeGreaterThan(TTL_MS + 100);
    const late = await dispatch(server.url, orderLookup(channel), alpha);
    await waitForStatus(late, 'waiting');
    await publish(channel, { n: 'fresh' });
    await waitForStatus(late, 'completed');
    expect(await resultOf(late)).toEqual({ n: 'fresh' });
  });

  it("channel names are per owner: alpha's run id approval-42 neither blocks nor hears beta's publishes", async () => {
    const name = channelName('approval-42');
    const alphaRun = await dispatch(server.url, { ...orderLookup(name), channelId: name }, alpha);
    await waitForStatus(alphaRun, 'waiting');
    const betaRun = await dispatch(server.url, orderLookup(name), beta);
    await waitForStatus(betaRun, 'waiting', beta);

    const response = await publish(name, { from: 'beta' }, beta);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: name });
    await waitForStatus(betaRun, 'completed', beta);
    expect(await resultOf(betaRun, beta)).toEqual({ from: 'beta' });
    expect(await statusOf(alphaRun)).toBe('waiting');

    await publish(name, { from: 'alpha' }, alpha);
    await waitForStatus(alphaRun, 'completed');
    expect(await resultOf(alphaRun)).toEqual({ from: 'alpha' });
  });

  it('refuses an answer without a channel (400 with the path), for an ended run (409) and for a stranger (404)', async () => {
    const channel = channelName('refusals');
    const run = await dispatch(server.url, orderLookup(channel), alpha);
    const missing = await postJson(`${server.url}/api/runs/${run}/answer`, { message: 1 }, alpha);
    expect(missing.status).toBe(400);
    expect((await missing.json()).issues[0].path).toBe('channel');
    expect((await answer(run, channel, 1, beta)).status).toBe(404);
    await waitForStatus(run, 'waiting');
    await answer(run, channel, { ok: true });
    await waitForStatus(run, 'completed');
    const ended = await answer(run, channel, { ok: true });
    expect(ended.status).toBe(409);
  });

  it('a waiting run says when its wait ends, in its record and in the runs list', async () => {
    const channel = channelName('due');
    const before = Date.now();
    const run = await dispatch(server.url, orderLookup(channel), alpha);
    await waitForStatus(run, 'waiting');
    const { run: record } = (await (await fetch(`${server.url}/api/runs/${run}`, { headers: alpha })).json()) as {
      run: { answerDueAt?: number };
    };
    expect(record.answerDueAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(record.answerDueAt).toBeLessThanOrEqual(Date.now() + 60_000);
    const list = (await (await fetch(`${server.url}/api/runs?status=waiting`, { headers: alpha })).json()) as {
      items: { channelId: string; answerDueAt?: number }[];
    };
    expect(list.items.find((item) => item.channelId === run)?.answerDueAt).toBe(record.answerDueAt);
    await answer(run, channel, { ok: true });
    await waitForStatus(run, 'completed');
  });
});
