// Graceful drain on SIGTERM with real processes: the web process started as operators start it
// (`npm start`), and `npm run worker` in the Redis layout. Runs that finish within SHUTDOWN_GRACE_MS
// complete, the rest end failed with an error event saying the server was shutting down, subscribers
// end cleanly and resume elsewhere with `after`, queued runs stay queued, and the process exits 0.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe, type SubscribeLine } from '../support/api-client';
import {
  readyStatus,
  startWithNpmStart,
  startWorker,
  waitFor,
  waitUntilReady,
  type AppProcess,
} from '../support/app-process';
import { freePort, startServer, tempDataDir, type RunningServer } from '../support/next-server';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';

const GRACE_MS = '6000';
const SHORT_RUN = 'repeat 150';
const LONG_RUN = 'repeat 100000';
const apps: AppProcess[] = [];
const servers: RunningServer[] = [];
let redis: OwnRedis | undefined;

afterAll(async () => {
  for (const app of apps) await app.signal('SIGKILL');
  for (const server of servers) await server.kill();
  await redis?.stop();
});

const runOf = async (url: string, channelId: string) =>
  (
    (await (await fetch(`${url}/api/runs/${channelId}`)).json()) as {
      run: { status: string; error?: string };
    }
  ).run;

const waitForStatus = (url: string, channelId: string, status: string, app?: AppProcess) =>
  waitFor(
    `run ${channelId} to be ${status}`,
    async () => (await runOf(url, channelId)).status === status,
    app,
  );

/** Waits until the run has stored at least `count` events (it is well under way). */
const waitForEvents = (url: string, channelId: string, count: number) =>
  waitFor(`${count} events of ${channelId}`, async () => {
    const { lines } = await subscribe(url, channelId, { after: count - 1 }, { onLine: () => false });
    return lines.length > 0;
  });

function expectShutdownEnding(lines: SubscribeLine[]) {
  expect(lines.map((line) => Number(line.id))).toEqual(lines.map((_, index) => index + 1));
  const types = eventTypes(lines);
  expect(types.slice(-2)).toEqual(['error', 'completeEnd']);
  expect(String(lines.at(-2)?.data.data.message)).toMatch(/server was shutting down/);
  expect(types).not.toContain('result');
}

function expectCompleted(lines: SubscribeLine[], tokens: number) {
  expect(lines.map((line) => Number(line.id))).toEqual(lines.map((_, index) => index + 1));
  expect(eventTypes(lines).filter((type) => type === 'token')).toHaveLength(tokens);
  expect(eventTypes(lines).slice(-2)).toEqual(['result', 'completeEnd']);
}

describe('graceful drain of the web process (embedded, npm start)', () => {
  it('finishes runs within the grace period, fails the rest as shut down, keeps queued runs for the next start, exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      DATA_DIR: tempDataDir('ds-drain-'),
      SHUTDOWN_GRACE_MS: GRACE_MS,
      MAX_CONCURRENT_RUNS: '2',
      LOCAL_TOKEN_DELAY_MS: '20',
    };
    const app = startWithNpmStart(port, env);
    apps.push(app);
    await waitUntilReady(url, app);

    const short = await dispatch(url, { messages: [{ type: 'user', text: SHORT_RUN }] });
    const long = await dispatch(url, { messages: [{ type: 'user', text: LONG_RUN }] });
    const queued = await dispatch(url, { messages: [{ type: 'user', text: 'repeat 5' }] });
    const subscribers = [short, long, queued].map((channelId) => subscribe(url, channelId));
    await waitForEvents(url, long, 10);
    expect((await runOf(url, queued)).status).toBe('queued');

    const exitCode = app.signal('SIGTERM');
    await waitFor('ready to turn 503', async () => (await readyStatus(url)).status === 503, app);
    const refused = await postJson(`${url}/api/v1/conversation/dispatch`, {
      messages: [{ type: 'user', text: 'hi' }],
    });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    const [shortSeen, longSeen, queuedSeen] = await Promise.all(subscribers);
    expect(await exitCode).toBe(0);
    expectCompleted(shortSeen.lines, 150);
    expectShutdownEnding(longSeen.lines);
    // The queued run's subscriber was ended cleanly (no error), with nothing to show yet.
    expect(queuedSeen).toMatchObject({ status: 200, lines: [] });
    const lines = app.logLines();
    expect(lines.find((line) => line.msg === 'shutting down: taking no new work')).toBeDefined();
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);

    // The next start runs the queued run; the shut-down run stays failed, its events intact.
    const restarted = startWithNpmStart(port, env);
    apps.push(restarted);
    await waitUntilReady(url, restarted);
    await waitForStatus(url, queued, 'completed', restarted);
    expect(await runOf(url, long)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/shutting down/),
    });
    expect((await subscribe(url, long)).lines).toEqual(longSeen.lines);
    expect(await restarted.signal('SIGTERM')).toBe(0);
  });
});

describe('graceful drain in the Redis layout (npm run worker, and a web process)', () => {
  it('ends web subscriptions cleanly for a resume elsewhere; the worker finishes or fails its runs and leaves queued runs to another worker', async () => {
    redis = await startOwnRedis();
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'drain:',
      SHUTDOWN_GRACE_MS: GRACE_MS,
      MAX_CONCURRENT_RUNS: '2',
      LOCAL_TOKEN_DELAY_MS: '20',
    };
    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    const web = startWithNpmStart(webPort, { ...env, RUN_WORKER: 'false', DATA_DIR: tempDataDir() });
    apps.push(web);
    const other = await startServer({ env: { ...env, RUN_WORKER: 'false' } });
    servers.push(other);
    await waitUntilReady(webUrl, web);
    const workerA = startWorker(env);
    apps.push(workerA);
    await waitFor('worker A to be ready', async () => workerA.output().includes('worker ready'), workerA);

    // The worker drains: the short run completes, the long one is failed as shut down, the queued one waits.
    const short = await dispatch(other.url, { messages: [{ type: 'user', text: SHORT_RUN }] });
    const long = await dispatch(other.url, { messages: [{ type: 'user', text: LONG_RUN }] });
    const queued = await dispatch(other.url, { messages: [{ type: 'user', text: 'repeat 5' }] });
    const subscribers = [short, long].map((channelId) => subscribe(other.url, channelId));
    await waitForEvents(other.url, long, 10);
    expect(await workerA.signal('SIGTERM')).toBe(0);
    const [shortSeen, longSeen] = await Promise.all(subscribers);
    expectCompleted(shortSeen.lines, 150);
    expectShutdownEnding(longSeen.lines);
    expect(workerA.logLines().filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
    expect(await runOf(other.url, queued)).toMatchObject({ status: 'queued' });

    // Another worker takes the queued run.
    const workerB = startWorker(env);
    apps.push(workerB);
    await waitForStatus(other.url, queued, 'completed', workerB);

    // A web process drains: its subscriber's stream ends cleanly, without the run's end, and resumes on
    // the other web process with `after`: no gap, no duplicate.
    const running = await dispatch(other.url, { messages: [{ type: 'user', text: LONG_RUN }] });
    const onWeb = subscribe(webUrl, running);
    await waitForEvents(webUrl, running, 12);
    expect(await web.signal('SIGTERM')).toBe(0);
    const seenOnWeb = (await onWeb).lines;
    expect(seenOnWeb.length).toBeGreaterThan(0);
    expect(eventTypes(seenOnWeb)).not.toContain('completeEnd');
    const onOther = subscribe(other.url, running, { after: Number(seenOnWeb.at(-1)?.id) });
    await waitForEvents(other.url, running, seenOnWeb.length + 5);

    expect(await workerB.signal('SIGTERM')).toBe(0);
    const resumed = (await onOther).lines;
    expectShutdownEnding([...seenOnWeb, ...resumed]);
  });
});
