// How many worker processes take runs from the Redis queue, in the overview's figures and the metrics,
// as workers start and stop: an operator whose web processes run with RUN_WORKER=false and no worker
// would otherwise see runs queue up with nothing saying why. The embedded layout has no such figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { startBackend, type RunningBackend } from '../support/backends';

interface Overview {
  queueDepth: number;
  workers?: number;
}

async function overview(backend: RunningBackend): Promise<Overview> {
  const response = await fetch(`${backend.url}/api/runs/overview?window=hour`);
  expect(response.status).toBe(200);
  return (await response.json()) as Overview;
}

/** The `dispatch_queue_workers` series of a scrape, or undefined when the process has none. */
async function workersMetric(backend: RunningBackend): Promise<number | undefined> {
  const text = await (await fetch(`${backend.url}/api/metrics`)).text();
  const line = /^dispatch_queue_workers(?:\{[^}]*\})? (\S+)$/m.exec(text);
  return line ? Number(line[1]) : undefined;
}

/** Polls `read` until it gives `expected` (a worker's connection comes and goes within a moment). */
async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe('the queue’s workers in the Redis layout', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    // A web process with RUN_WORKER=false and one worker process.
    backend = await startBackend('redis');
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('counts the worker processes as they start and stop, in the overview and the metrics', async () => {
    await until(async () => (await overview(backend)).workers, 1);
    expect(await workersMetric(backend)).toBe(1);
    await backend.addWorker();
    await until(async () => (await overview(backend)).workers, 2);
    await until(() => workersMetric(backend), 2);
    await Promise.all(backend.workers.splice(0).map((worker) => worker.stop()));
    await until(async () => (await overview(backend)).workers, 0);
    await until(() => workersMetric(backend), 0);
  });

  it('with no worker, a dispatched run waits in the queue; once one starts, it runs to its end', async () => {
    await until(async () => (await overview(backend)).workers, 0);
    const channelId = await dispatch(backend.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
    await until(async () => (await overview(backend)).queueDepth, 1);
    await backend.addWorker();
    const { lines } = await subscribe(backend.url, channelId);
    expect(lines.at(-1)?.data.type).toBe('completeEnd');
    expect(await overview(backend)).toMatchObject({ queueDepth: 0, workers: 1 });
  });
});

describe('the embedded layout', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    backend = await startBackend('embedded');
  });
  afterAll(async () => {
    await backend?.stop();
  });

  it('has no worker figure: its server runs the queue itself', async () => {
    expect(await overview(backend)).not.toHaveProperty('workers');
    expect(await workersMetric(backend)).toBeUndefined();
  });
});
