// GET /api/metrics in the Prometheus text format: auth, values that move with real runs, and in the
// Redis layout each process (web, worker) reporting its own, labelled by role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { startBackend, type RunningBackend } from '../support/backends';
import { freePort } from '../support/next-server';
import { waitingRun } from '../support/waiting-run';
import {
  startWebhookReceiver,
  TEST_WEBHOOK_SECRET,
  waitFor,
  type WebhookReceiver,
} from '../support/webhook-receiver';

const SECRET = 'metrics-test-api-secret-0123456789';
const METRICS_TOKEN = 'scraper-token-0123456789';
const auth = { authorization: `Bearer ${SECRET}` };

/** The value of one series, e.g. metric(text, 'dispatch_runs_ended_total', { status: 'completed' }); 0 when absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

async function scrape(url: string, headers: Record<string, string> = auth): Promise<string> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

describe('metrics on the embedded backend', () => {
  let server: RunningBackend;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await startBackend('embedded', {
      API_SECRET: SECRET,
      METRICS_TOKEN,
      MAX_CONCURRENT_RUNS: '1',
      LOCAL_TOKEN_DELAY_MS: '5',
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      WEBHOOK_RETRY_BASE_MS: '50',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('needs the Bearer API secret or METRICS_TOKEN when API_SECRET is set', async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    await scrape(`${server.url}/api/metrics`, auth);
    await scrape(`${server.url}/api/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
  });

  it('moves runs started / ended, events, histograms, queue depth, running runs, subscriptions and webhook deliveries', async () => {
    const url = `${server.url}/api/metrics`;
    const before = await scrape(url);
    expect(metric(before, 'dispatch_runs_started_total', { role: 'embedded' })).toBeGreaterThanOrEqual(0);

    // A slow run holds the only slot; the next one waits in the queue; a subscriber stays open.
    const slow = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 100000' }] }, auth);
    const queued = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 7' }] }, auth);
    const streaming = subscribe(server.url, slow, {}, { headers: auth });
    const busy = await waitFor('a running run, a queued run and an open subscription', async () => {
      const text = await scrape(url);
      return metric(text, 'dispatch_runs_running') === 1 &&
        metric(text, 'dispatch_queue_depth') === 1 &&
        metric(text, 'dispatch_open_subscriptions') === 1
        ? text
        : undefined;
    });
    expect(metric(busy, 'dispatch_runs_started_total')).toBe(
      metric(before, 'dispatch_runs_started_total') + 1,
    );

    await fetch(`${server.url}/api/runs/${slow}/cancel`, { method: 'POST', headers: auth });
    await streaming;
    await subscribe(server.url, queued, {}, { headers: auth });
    const after = await waitFor('both runs counted as ended and the webhooks delivered', async () => {
      const text = await scrape(url);
      return metric(text, 'dispatch_runs_ended_total', { status: 'completed' }) ===
        metric(before, 'dispatch_runs_ended_total', { status: 'completed' }) + 1 &&
        metric(text, 'dispatch_webhook_deliveries_total', { outcome: 'delivered' }) >=
          metric(before, 'dispatch_webhook_deliveries_total', { outcome: 'delivered' }) + 2
        ? text
        : undefined;
    });
    expect(metric(after, 'dispatch_runs_ended_total', { status: 'cancelled' })).toBe(
      metric(before, 'dispatch_runs_ended_total', { status: 'cancelled' }) + 1,
    );
    expect(metric(after, 'dispatch_runs_started_total')).toBe(
      metric(before, 'dispatch_runs_started_total') + 2,
    );
    expect(metric(after, 'dispatch_runs_running')).toBe(0);
    expect(metric(after, 'dispatch_queue_depth')).toBe(0);
    expect(metric(after, 'dispatch_open_subscriptions')).toBe(0);
    expect(metric(after, 'dispatch_wire_requests_waiting')).toBe(0);
    // The queued run: completeBegin, 7 tokens, usage, result, completeEnd at least.
    expect(metric(after, 'dispatch_events_appended_total')).toBeGreaterThanOrEqual(
      metric(before, 'dispatch_events_appended_total') + 11,
    );
    expect(metric(after, 'dispatch_run_duration_seconds_count')).toBe(
      metric(before, 'dispatch_run_duration_seconds_count') + 2,
    );
    expect(metric(after, 'dispatch_run_time_to_first_token_seconds_count')).toBe(
      metric(before, 'dispatch_run_time_to_first_token_seconds_count') + 2,
    );
  });
});

describe('runs waiting for an answer', () => {
  let server: RunningBackend;
  beforeAll(async () => {
    server = await startBackend('embedded', { API_SECRET: SECRET });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts runs waiting for a function result in dispatch_runs_waiting until it is published', async () => {
    const url = `${server.url}/api/metrics`;
    expect(await scrape(url)).toMatch(/^# TYPE dispatch_runs_waiting gauge$/m);
    const channel = `approval-${Date.now()}`;
    const first = await dispatch(server.url, waitingRun(channel), auth);
    const second = await dispatch(server.url, waitingRun(`${channel}-other`), auth);
    await waitFor('both runs counted as waiting', async () =>
      metric(await scrape(url), 'dispatch_runs_waiting', { role: 'embedded' }) === 2 ? true : undefined,
    );
    const published = await fetch(`${server.url}/api/v1/channel/${channel}/publish`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { status: 'shipped' } }),
    });
    expect(published.status).toBe(200);
    await subscribe(server.url, first, {}, { headers: auth });
    expect(metric(await scrape(url), 'dispatch_runs_waiting')).toBe(1);
    // A waiting run that is cancelled stops waiting too.
    await fetch(`${server.url}/api/runs/${second}/cancel`, { method: 'POST', headers: auth });
    await subscribe(server.url, second, {}, { headers: auth });
    await waitFor('no run counted as waiting', async () =>
      metric(await scrape(url), 'dispatch_runs_waiting') === 0 ? true : undefined,
    );
  });
});

describe('metrics in the Redis layout', () => {
  let server: RunningBackend;
  let workerMetrics: string;
  beforeAll(async () => {
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    server = await startBackend('redis', { API_SECRET: SECRET, METRICS_PORT: String(port) });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('each process reports its own figures, labelled by role: the worker runs, the web process serves', async () => {
    const web = await scrape(`${server.url}/api/metrics`);
    const worker = await scrape(workerMetrics);
    expect(web).toContain('role="web"');
    expect(worker).toContain('role="worker"');
    expect((await fetch(workerMetrics)).status).toBe(401);

    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 3' }] }, auth);
    await subscribe(server.url, channelId, {}, { headers: auth });
    await waitFor('the worker to count the run', async () =>
      metric(await scrape(workerMetrics), 'dispatch_runs_ended_total', {
        status: 'completed',
        role: 'worker',
      }) ===
      metric(worker, 'dispatch_runs_ended_total', { status: 'completed' }) + 1
        ? true
        : undefined,
    );
    const webAfter = await scrape(`${server.url}/api/metrics`);
    expect(metric(webAfter, 'dispatch_runs_started_total', { role: 'web' })).toBe(0);
  });
});
