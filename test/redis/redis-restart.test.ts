// Redis restarted during a run: the run finishes once Redis is back, it never hangs, and a
// subscriber that resumes with `after` gets every event once. Uses its own redis-server (AOF on).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, subscribe, type SubscribeLine } from '../support/api-client';
import { freePort, startServer, tempDataDir, type RunningServer } from '../support/next-server';

let redis: ChildProcess | undefined;
let server: RunningServer | undefined;
const dir = tempDataDir('ds-redis-');
const TOKENS = 3000;

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

afterAll(async () => {
  await server?.stop();
  if (redis && redis.exitCode === null) await stopRedis(redis);
});

/**
 * Subscribes until completeEnd, resuming with after=<last id> whenever the stream breaks; `lines`
 * grows as they arrive, so the test can wait for the run's progress.
 */
async function subscribeToEnd(
  baseUrl: string,
  channelId: string,
  lines: SubscribeLine[],
): Promise<{ resumes: number }> {
  let resumes = 0;
  while (lines.at(-1)?.data.type !== 'completeEnd') {
    const after = lines.length > 0 ? Number(lines.at(-1)?.id) : undefined;
    try {
      await subscribe(baseUrl, channelId, after === undefined ? {} : { after }, {
        onLine: (line) => {
          lines.push(line);
        },
      });
    } catch {
      // the stream broke; resume below
    }
    if (lines.at(-1)?.data.type !== 'completeEnd') {
      resumes += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (resumes > 100) throw new Error('the run never ended');
  }
  return { resumes };
}

const POLL = { timeout: 60_000, interval: 50 };

describe('Redis restarted during a run', () => {
  it('lets the run finish once Redis is back (three restarts), with every event delivered once and in order', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    server = await startServer({
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        REDIS_KEY_PREFIX: 'restart:',
        LOCAL_TOKEN_DELAY_MS: '3',
      },
    });
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: `repeat ${TOKENS}` }] });
    const lines: SubscribeLine[] = [];
    const subscriber = subscribeToEnd(server.url, channelId, lines);
    const baseUrl = server.url;
    const readiness = async () => (await fetch(`${baseUrl}/api/health/ready`)).status;
    // Three restarts while the run writes: a command in flight at a drop is resent, and must apply once.
    for (let restart = 0; restart < 3; restart += 1) {
      // Each drop comes while the run is writing: a few hundred more events since the last one.
      const seen = lines.length;
      await expect.poll(() => lines.length, POLL).toBeGreaterThan(seen + 200);
      expect((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()).run.status).toBe('running');
      await stopRedis(redis);
      // Redis stays down until the server has noticed (readiness names the lost connection).
      await expect.poll(readiness, POLL).toBe(503);
      redis = await startRedis(port);
      await expect.poll(readiness, POLL).toBe(200);
    }

    const { resumes } = await subscriber;
    console.log(`[redis-restart] ${lines.length} events, ${resumes} resume(s)`);
    expect(lines.map((line) => Number(line.id))).toEqual(lines.map((_, index) => index + 1));
    const types = eventTypes(lines);
    expect(types[0]).toBe('completeBegin');
    expect(types.at(-1)).toBe('completeEnd');
    expect(types.at(-2)).toBe('result');
    expect(types.filter((type) => type === 'token')).toHaveLength(TOKENS);
    const run = (await (await fetch(`${server.url}/api/runs/${channelId}`)).json()).run;
    expect(run.status).toBe('completed');
  });
});
