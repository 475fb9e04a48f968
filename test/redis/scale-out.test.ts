// Many processes on one Redis: two web servers (RUN_WORKER=false) behind no balancer, two workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe, type SubscribeLine } from '../support/api-client';
import { startBackend, startWorker, type RunningBackend, type WorkerProcess } from '../support/backends';
import { startServer, type RunningServer } from '../support/next-server';
import { connectionsNamed, dropPrefix, REDIS_URL, testRedis, uniquePrefix } from '../support/redis';

interface Deployment {
  prefix: string;
  webs: RunningServer[];
  workers: WorkerProcess[];
  stop(): Promise<void>;
}

async function deploy(env: Record<string, string>): Promise<Deployment> {
  const prefix = uniquePrefix('scale');
  const shared = { REDIS_URL, REDIS_KEY_PREFIX: prefix, ...env };
  const webs = await Promise.all([0, 1].map(() => startServer({ env: { ...shared, RUN_WORKER: 'false' } })));
  const workers = await Promise.all([0, 1].map(() => startWorker(shared)));
  return {
    prefix,
    webs,
    workers,
    async stop() {
      await Promise.all([...webs.map((web) => web.stop()), ...workers.map((worker) => worker.stop())]);
      await dropPrefix(inspector, prefix);
    },
  };
}

const inspector = testRedis();
afterAll(() => inspector.quit());

const repeat = (count: number) => ({ messages: [{ type: 'user', text: `repeat ${count}` }] });

/** Ids 1..n in order, completeBegin first and completeEnd last. */
function expectWholeChannel(lines: SubscribeLine[]): void {
  expect(lines.map((line) => Number(line.id))).toEqual(lines.map((_, index) => index + 1));
  const types = eventTypes(lines);
  expect(types[0]).toBe('completeBegin');
  expect(types.at(-1)).toBe('completeEnd');
}

/** The channels whose "run ended" line the worker logged (JSON log lines on its stdout). */
function runsEndedBy(worker: WorkerProcess): string[] {
  return worker
    .output()
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      const entry = JSON.parse(line) as { msg?: string; channelId?: string };
      return entry.msg === 'run ended' && entry.channelId ? [entry.channelId] : [];
    });
}

async function runStatus(baseUrl: string, channelId: string): Promise<{ status: string; error?: string }> {
  return (
    (await (await fetch(`${baseUrl}/api/runs/${channelId}`)).json()) as {
      run: { status: string; error?: string };
    }
  ).run;
}

describe('two web servers and two workers on one Redis', () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await deploy({ LOCAL_TOKEN_DELAY_MS: '2', MAX_CONCURRENT_RUNS: '8' });
  });
  afterAll(() => deployment?.stop());

  it('delivers every event of 50 runs dispatched on A to subscribers on B, in order, without gap or duplicate', async () => {
    const [a, b] = deployment.webs;
    const streams = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const channelId = await dispatch(a.url, repeat(100 + index));
        return { channelId, tokens: 100 + index, stream: await subscribe(b.url, channelId) };
      }),
    );
    for (const { channelId, tokens, stream } of streams) {
      expect(stream.status).toBe(200);
      expectWholeChannel(stream.lines);
      expect(eventTypes(stream.lines).filter((type) => type === 'token')).toHaveLength(tokens);
      expect((await runStatus(a.url, channelId)).status).toBe('completed');
    }
    // Both workers took part: each logs "run ended" with the channelId of every run it executed.
    const ranBy = deployment.workers.map(runsEndedBy);
    expect(ranBy.every((channels) => channels.length > 0)).toBe(true);
    expect(
      ranBy
        .flat()
        .filter((channelId) => streams.some((run) => run.channelId === channelId))
        .sort(),
    ).toEqual(streams.map((run) => run.channelId).sort());
  });

  it('serves 200 subscribers on one web process without opening a Redis connection per subscriber', async () => {
    const [a, b] = deployment.webs;
    const before = await connectionsNamed(inspector, deployment.prefix);
    const channelId = await dispatch(a.url, repeat(1500));
    let during: string[] = [];
    let openStreams = 0;
    const streams = Array.from({ length: 200 }, () =>
      subscribe(
        b.url,
        channelId,
        {},
        {
          onLine: (line) => {
            if (line.id === '1') openStreams += 1;
          },
        },
      ),
    );
    await expect.poll(() => openStreams, { timeout: 60_000, interval: 50 }).toBe(200);
    during = await connectionsNamed(inspector, deployment.prefix);
    const results = await Promise.all(streams);
    for (const result of results) expectWholeChannel(result.lines);
    expect(results.every((result) => result.lines.length === results[0].lines.length)).toBe(true);
    console.log(
      `[connections] before ${before.length}, with 200 subscribers ${during.length}: ${during.join(', ')}`,
    );
    expect(during.length).toBeLessThanOrEqual(before.length);
    expect(during.length).toBeLessThan(20);
  });

  it('cancels on web B a run that a worker process is running', async () => {
    const [a, b] = deployment.webs;
    const channelId = await dispatch(a.url, repeat(5000));
    const stream = subscribe(a.url, channelId);
    await expect
      .poll(async () => (await runStatus(b.url, channelId)).status, { timeout: 15_000, interval: 50 })
      .toBe('running');
    expect((await postJson(`${b.url}/api/runs/${channelId}/cancel`, {})).status).toBe(200);
    const { lines } = await stream;
    expectWholeChannel(lines);
    expect(eventTypes(lines).slice(-2)).toEqual(['abort', 'completeEnd']);
    expect(eventTypes(lines)).toContain('token');
    await expect.poll(async () => (await runStatus(b.url, channelId)).status).toBe('cancelled');
  });
});

describe('a worker killed mid-run', () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await deploy({
      LOCAL_TOKEN_DELAY_MS: '5',
      MAX_CONCURRENT_RUNS: '2',
      WORKER_LOCK_MS: '2000',
    });
  });
  afterAll(() => deployment?.stop());

  it('ends the runs it held failed with an error event (found by the other worker); the rest complete', async () => {
    const [a, b] = deployment.webs;
    const channels: string[] = [];
    for (let index = 0; index < 4; index += 1) channels.push(await dispatch(a.url, repeat(1500)));
    const streams = channels.map((channelId) => subscribe(b.url, channelId));
    await expect
      .poll(
        async () =>
          Promise.all(channels.map(async (channelId) => (await runStatus(a.url, channelId)).status)),
        { timeout: 15_000, interval: 50 },
      )
      .toEqual(channels.map(() => 'running'));
    await deployment.workers[0].kill();
    const ended = await Promise.all(streams);
    const outcomes = await Promise.all(channels.map((channelId) => runStatus(a.url, channelId)));
    let failed = 0;
    ended.forEach(({ lines }, index) => {
      expectWholeChannel(lines);
      const lastTwo = eventTypes(lines).slice(-2);
      if (outcomes[index].status === 'failed') {
        failed += 1;
        expect(lastTwo).toEqual(['error', 'completeEnd']);
        expect(String(lines.at(-2)?.data.data.message)).toMatch(/worker .* stopped/);
      } else {
        expect(outcomes[index].status).toBe('completed');
        expect(lastTwo).toEqual(['result', 'completeEnd']);
      }
    });
    // Two runs per worker: the killed one held two.
    expect(failed).toBe(2);
  });
});

describe('a worker that stalls past its lock and then wakes up', () => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startBackend('redis', {
      LOCAL_TOKEN_DELAY_MS: '5',
      MAX_CONCURRENT_RUNS: '1',
      WORKER_LOCK_MS: '2000',
    });
  });
  afterAll(() => backend?.stop());

  it('leaves its run as the other worker ended it: no event after that end, no status over it', async () => {
    const channelId = await dispatch(backend.url, repeat(2500));
    await expect
      .poll(async () => (await runStatus(backend.url, channelId)).status, { timeout: 15_000, interval: 50 })
      .toBe('running');
    // A real stall (as a long pause of the machine would make): the process stops, its lock expires, and
    // another worker judges it lost and fails its run.
    const stalled = backend.workers[0];
    stalled.process.kill('SIGSTOP');
    try {
      await backend.addWorker();
      await expect
        .poll(async () => (await runStatus(backend.url, channelId)).status, {
          timeout: 20_000,
          interval: 100,
        })
        .toBe('failed');
    } finally {
      stalled.process.kill('SIGCONT');
    }
    // The stalled worker goes on from where it stopped, until the store refuses its run's events.
    await expect.poll(() => runsEndedBy(stalled), { timeout: 20_000, interval: 100 }).toContain(channelId);
    const { lines } = await subscribe(backend.url, channelId);
    expectWholeChannel(lines);
    const types = eventTypes(lines);
    expect(types.filter((type) => type === 'completeEnd')).toHaveLength(1);
    expect(types.slice(-2)).toEqual(['error', 'completeEnd']);
    expect(String(lines.at(-2)?.data.data.message)).toMatch(/worker .* stopped/);
    expect(await runStatus(backend.url, channelId)).toMatchObject({
      status: 'failed',
      error: 'Its worker stopped',
    });
    expect(await backend.storedLastSeq(channelId)).toBe(lines.length);
  });
});
