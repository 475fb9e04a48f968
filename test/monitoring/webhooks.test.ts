// Webhooks for run notices, on both backends: signed per Standard Webhooks (verified by a receiver
// using the `standardwebhooks` package), retried with exponential backoff under a stable webhook-id,
// never holding up runs, delivered once per event by exactly one process, surviving restarts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import {
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  waitFor,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../support/webhook-receiver';
import { waitingRun } from '../support/waiting-run';

const RETRY_BASE_MS = 100;

/** A receiver that takes requests and never answers (the server's 10 s timeout ends each one). */
async function startSilentReceiver() {
  const open = new Set<string>();
  const server = http.createServer((request) => {
    open.add(String(request.headers['webhook-id']));
    request.on('close', () => open.delete(String(request.headers['webhook-id'])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/silent`,
    open,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(BACKENDS)('webhooks on the %s backend', (backendName) => {
  let server: RunningBackend;
  let receiver: WebhookReceiver;
  let silent: Awaited<ReturnType<typeof startSilentReceiver>>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    silent = await startSilentReceiver();
    server = await startBackend(backendName, {
      WEBHOOK_URL: `${receiver.url}?token=receiver-secret,${silent.url}`,
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
      CHANNEL_WAIT_TIMEOUT_MS: '1500',
      MAX_CONCURRENT_RUNS: '1',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await silent?.close();
  });

  const receivedFor = (channelId: string, type?: string) =>
    receiver.received.filter(
      (hook) =>
        hook.payload.data.channelId === channelId && (type === undefined || hook.payload.type === type),
    );
  const delivered = (channelId: string, type: string) =>
    waitFor(`${type} for ${channelId}`, () =>
      receivedFor(channelId, type).find((hook) => hook.answered === 200),
    );
  const runToEnd = (channelId: string) => subscribe(server.url, channelId);

  it('POSTs run.completed signed per Standard Webhooks; after two 500s the third try gets it, same webhook-id and body, backing off', async () => {
    // A channel id chosen here, so the receiver's script is in place before the run can end.
    const channelId = `hook-${randomUUID()}`;
    receiver.answer = (_id, attempt, payload) =>
      payload.data.channelId === channelId ? (attempt <= 2 ? 500 : 200) : 200;
    await dispatch(server.url, { channelId, messages: [{ type: 'user', text: 'repeat 12' }] });
    await runToEnd(channelId);
    await delivered(channelId, 'run.completed');
    const tries = receivedFor(channelId, 'run.completed');
    expect(tries.map((hook) => [hook.attempt, hook.answered])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(new Set(tries.map((hook) => hook.webhookId)).size).toBe(1);
    expect(new Set(tries.map((hook) => hook.body)).size).toBe(1);
    expect(tries[1].receivedAt - tries[0].receivedAt).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(tries[2].receivedAt - tries[1].receivedAt).toBeGreaterThanOrEqual(2 * RETRY_BASE_MS);
    expect(receiver.rejected).toEqual([]);
    const { payload } = tries[2];
    expect(payload).toEqual({
      type: 'run.completed',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        channelId,
        status: 'completed',
        model: 'local',
        usage: { outputTokens: 12 },
        durationMs: expect.any(Number),
      },
    });

    // The run's page lists each attempt; the receiver URL is shown without its query (it may hold a token).
    const deliveries = await waitFor('three recorded attempts', async () => {
      const response = await fetch(`${server.url}/api/runs/${channelId}/deliveries`);
      const { items } = (await response.json()) as {
        items: { url: string; attempt: number; statusCode?: number }[];
      };
      const mine = items.filter((item) => item.url === receiver.url);
      return mine.length === 3 ? mine : undefined;
    });
    expect(deliveries.map((item) => [item.attempt, item.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(JSON.stringify(deliveries)).not.toContain('receiver-secret');
  });

  it('sends run.waiting when a function starts waiting, run.cancelled and run.failed (with its error) when runs end so', async () => {
    receiver.answer = () => 200;
    const cancelled = await dispatch(server.url, waitingRun(`orders-a-${Date.now()}`));
    const waiting = await delivered(cancelled, 'run.waiting');
    expect(waiting.payload.data).toMatchObject({ channelId: cancelled, status: 'waiting', model: 'local' });
    expect((await postJson(`${server.url}/api/runs/${cancelled}/cancel`, {})).status).toBe(200);
    expect((await delivered(cancelled, 'run.cancelled')).payload.data.status).toBe('cancelled');

    const failed = await dispatch(server.url, waitingRun(`orders-b-${Date.now()}`));
    const failure = await delivered(failed, 'run.failed');
    expect(failure.payload.data).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('No answer came on channel'),
    });
    expect(receivedFor(failed).map((hook) => hook.payload.type)).toEqual(['run.waiting', 'run.failed']);
  });

  it('never holds up runs: with one run slot, the next run ends while a receiver still sits on the last webhook', async () => {
    receiver.answer = () => 200;
    const first = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 5' }] });
    await runToEnd(first);
    const hook = await delivered(first, 'run.completed');
    await waitFor('the silent receiver to hold the webhook', () => silent.open.has(hook.webhookId));
    const second = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 5' }] });
    await runToEnd(second);
    expect(silent.open.has(hook.webhookId)).toBe(true);
  });

  it('delivers each event once (one 200 per webhook-id), also with several processes running the delivery loop', async () => {
    receiver.answer = () => 200;
    if (backendName === 'redis') await server.addWorker();
    const channels = await Promise.all(
      Array.from({ length: 6 }, () =>
        dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] }),
      ),
    );
    for (const channelId of channels) await delivered(channelId, 'run.completed');
    // A later event arriving shows every loop has passed the earlier ones.
    const last = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
    await delivered(last, 'run.completed');
    const okById = new Map<string, number>();
    for (const hook of receiver.received.filter((hook: ReceivedWebhook) => hook.answered === 200)) {
      okById.set(hook.webhookId, (okById.get(hook.webhookId) ?? 0) + 1);
    }
    expect([...okById.values()].filter((count) => count > 1)).toEqual([]);
    for (const channelId of [...channels, last])
      expect(receivedFor(channelId, 'run.completed')).toHaveLength(1);
  });

  it('keeps a pending delivery across a restart and delivers it afterwards (at least once)', async () => {
    let restarted = false;
    const channelId = `hook-${randomUUID()}`;
    receiver.answer = (_id, _attempt, payload) =>
      payload.data.channelId === channelId && !restarted ? 500 : 200;
    await dispatch(server.url, { channelId, messages: [{ type: 'user', text: 'repeat 4' }] });
    await runToEnd(channelId);
    await waitFor('a first refused attempt', () => receivedFor(channelId, 'run.completed').length > 0);
    await server.restart();
    restarted = true;
    // A process stopped mid-attempt holds its lease (30 s) before another process may try again.
    const hook = await waitFor(
      'the delivery after the restart',
      () => receivedFor(channelId, 'run.completed').find((item) => item.answered === 200),
      60_000,
    );
    expect(hook.payload.data.channelId).toBe(channelId);
  }, 90_000);
});
