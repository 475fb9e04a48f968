// Background behaviour with slow runs, once per backend (embedded queue, BullMQ with a separate worker):
// bounded concurrency and queue, cancel, and function results that arrive by a publish on a channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe, type SubscribeLine } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';

describe.each(BACKENDS)('%s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, {
      LOCAL_TOKEN_DELAY_MS: '10',
      MAX_CONCURRENT_RUNS: '2',
      MAX_QUEUED_RUNS: '2',
      CHANNEL_WAIT_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  interface RunView {
    channelId: string;
    status: string;
  }

  async function getRun(channelId: string): Promise<RunView> {
    const response = await fetch(`${server.url}/api/runs/${channelId}`);
    return ((await response.json()) as { run: RunView }).run;
  }

  const POLL = { timeout: 15_000, interval: 50 };

  async function waitForStatus(channelId: string, status: string): Promise<void> {
    await expect.poll(async () => (await getRun(channelId)).status, POLL).toBe(status);
  }

  async function waitForRunning(channels: string[], count: number): Promise<void> {
    const running = async () =>
      (await Promise.all(channels.map(async (channelId) => (await getRun(channelId)).status))).filter(
        (status) => status === 'running',
      ).length;
    await expect.poll(running, POLL).toBeGreaterThanOrEqual(count);
  }

  const slowRun = { messages: [{ type: 'user', text: 'repeat 1000' }] };

  describe('queue and cancel', () => {
    it('answers a dispatch at once, runs at most MAX_CONCURRENT_RUNS, queues the rest and refuses past MAX_QUEUED_RUNS with 429', async () => {
      const started = Date.now();
      const channels = [];
      for (let index = 0; index < 2; index += 1) channels.push(await dispatch(server.url, slowRun));
      // The queue limit counts runs not yet taken by a worker: the next two are dispatched once the first
      // two were taken (on Redis a busy machine can take longer than two more dispatches to pick them up).
      await waitForRunning(channels, 2);
      for (let index = 0; index < 2; index += 1) channels.push(await dispatch(server.url, slowRun));
      // 1000 tokens at 10 ms take 10 s; the four answers came long before any run ended.
      expect(Date.now() - started).toBeLessThan(5_000);
      const statuses = await Promise.all(channels.map(async (channelId) => (await getRun(channelId)).status));
      expect(statuses.filter((status) => status === 'running')).toHaveLength(2);
      expect(statuses.filter((status) => status === 'queued')).toHaveLength(2);

      const listBefore = (await (await fetch(`${server.url}/api/runs?limit=200`)).json()).items.length;
      const refused = await postJson(`${server.url}/api/v1/conversation/dispatch`, slowRun);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await refused.json()).code).toBe('TOO_MANY_REQUESTS');
      expect((await (await fetch(`${server.url}/api/runs?limit=200`)).json()).items.length).toBe(listBefore);

      // Cancel a queued run: it never starts, subscribers get abort then completeEnd.
      const queued = channels[statuses.indexOf('queued')];
      const cancelQueued = await postJson(`${server.url}/api/runs/${queued}/cancel`, {});
      expect(cancelQueued.status).toBe(200);
      const queuedStream = await subscribe(server.url, queued);
      expect(eventTypes(queuedStream.lines)).toEqual(['abort', 'completeEnd']);
      expect((await getRun(queued)).status).toBe('cancelled');

      // Cancel a running run: its subscriber sees tokens, then abort and completeEnd.
      const running = channels[statuses.indexOf('running')];
      let firstToken: () => void = () => undefined;
      const tokenSeen = new Promise<void>((resolve) => (firstToken = resolve));
      const runningStream = subscribe(
        server.url,
        running,
        {},
        {
          onLine: (line) => {
            if (line.data.type === 'token') firstToken();
          },
        },
      );
      await tokenSeen;
      await postJson(`${server.url}/api/runs/${running}/cancel`, {});
      const types = eventTypes((await runningStream).lines);
      expect(types).toContain('token');
      expect(types.slice(-2)).toEqual(['abort', 'completeEnd']);
      expect(types).not.toContain('result');
      await waitForStatus(running, 'cancelled');

      // Cancelling an ended run is a conflict.
      const again = await postJson(`${server.url}/api/runs/${running}/cancel`, {});
      expect(again.status).toBe(409);

      for (const channelId of channels) await postJson(`${server.url}/api/runs/${channelId}/cancel`, {});
    });

    it('a retried run names its newest retry, which names the run it retried', async () => {
      const original = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
      await waitForStatus(original, 'completed');
      const retries = [];
      for (let index = 0; index < 2; index += 1) {
        const retried = await postJson(`${server.url}/api/runs/${original}/retry`, {});
        expect(retried.status).toBe(200);
        retries.push(((await retried.json()) as { channelId: string }).channelId);
      }
      const read = async (channelId: string) =>
        ((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()) as {
          run: { retriedAs?: string; retryOf?: string };
        }).run;
      expect((await read(original)).retriedAs).toBe(retries[1]);
      expect((await read(retries[0])).retryOf).toBe(original);
      const listed = (await (await fetch(`${server.url}/api/runs?limit=200`)).json()) as {
        items: { channelId: string; retriedAs?: string }[];
      };
      expect(listed.items.find((item) => item.channelId === original)?.retriedAs).toBe(retries[1]);
      for (const channelId of retries) await waitForStatus(channelId, 'completed');
    });

    it('answers 404 when cancelling an unknown run', async () => {
      expect((await postJson(`${server.url}/api/runs/nope/cancel`, {})).status).toBe(404);
    });
  });

  const orderLookup = (channel: string) => ({
    messages: [{ type: 'user', text: 'Please lookupOrder for order 42' }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order by its number',
        parameters: {
          type: 'object',
          properties: { order: { type: 'integer', description: 'Order number' } },
        },
        result: { channel },
      },
    ],
  });

  describe('function results published on a channel', () => {
    it('emits waitForChannelMessageBegin, waits for the publish, then waitForChannelMessageEnd and completes', async () => {
      const channel = `orders-${Date.now()}`;
      const channelId = await dispatch(server.url, orderLookup(channel));
      let publishing: Promise<Response> | undefined;
      const stream = await subscribe(
        server.url,
        channelId,
        {},
        {
          onLine: (line: SubscribeLine) => {
            if (line.data.type === 'waitForChannelMessageBegin' && !publishing) {
              expect(line.data.data.channelId).toBe(channel);
              publishing = postJson(`${server.url}/api/v1/channel/${channel}/publish`, {
                message: { status: 'shipped' },
              });
            }
          },
        },
      );
      expect(publishing).toBeDefined();
      expect(await (await (publishing as Promise<Response>)).json()).toEqual({ id: channel });
      const types = eventTypes(stream.lines);
      const begin = types.indexOf('waitForChannelMessageBegin');
      expect(begin).toBeGreaterThan(0);
      expect(types.indexOf('waitForChannelMessageEnd')).toBeGreaterThan(begin);
      expect(types.slice(-2)).toEqual(['result', 'completeEnd']);
      await waitForStatus(channelId, 'completed');
    });

    it('shows the run as waiting while it waits', async () => {
      const channel = `waiting-${Date.now()}`;
      const channelId = await dispatch(server.url, orderLookup(channel));
      await waitForStatus(channelId, 'waiting');
      await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { status: 'late' } });
      await waitForStatus(channelId, 'completed');
    });

    it('ends the run with an error event when no message arrives before the timeout', async () => {
      const channel = `silent-${Date.now()}`;
      const channelId = await dispatch(server.url, orderLookup(channel));
      const stream = await subscribe(server.url, channelId);
      const types = eventTypes(stream.lines);
      expect(types.slice(-2)).toEqual(['error', 'completeEnd']);
      const error = stream.lines.at(-2)?.data.data as { message: string };
      expect(error.message).toMatch(/^No answer came on channel \S+ within 1\.5 s, the longest a run waits here/);
      expect(error.message).toContain(channel);
      await waitForStatus(channelId, 'failed');
    });

    it('refuses a publish without a message with 400', async () => {
      const response = await postJson(`${server.url}/api/v1/channel/anything/publish`, {});
      expect(response.status).toBe(400);
      expect((await response.json()).issues[0].path).toBe('message');
    });
  });
});
