// GET /api/health/live and /api/health/ready on a real server: cheap, unauthenticated, nothing stored,
// no secrets; in the Redis layout ready follows Redis going away and coming back.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readyStatus, waitFor } from '../support/app-process';
import { startServer, type RunningServer } from '../support/next-server';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';

const SECRET = 'health-test-secret-0123456789';
let server: RunningServer | undefined;
let redis: OwnRedis | undefined;

afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

describe('health endpoints (embedded)', () => {
  it('answer without auth, name only the parts checked, and store nothing', async () => {
    server = await startServer({ env: { API_SECRET: SECRET } });
    const live = await fetch(`${server.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    for (let i = 0; i < 5; i += 1) {
      const ready = await readyStatus(server.url);
      expect(ready).toEqual({ status: 200, body: { status: 'ready', checks: { store: 'ok' } } });
      expect(JSON.stringify(ready.body)).not.toContain(SECRET);
    }
    const db = new Database(path.join(server.dataDir, 'dispatch.sqlite'), { readonly: true });
    expect(
      db.prepare('SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM event_batches) AS rows').get(),
    ).toEqual({ rows: 0 });
    db.close();
    await server.stop();
    server = undefined;
  });
});

describe('health endpoints (Redis layout)', () => {
  it('turns ready to 503 naming the store and the queue within 2 s of Redis stopping, and back to 200 when it returns', async () => {
    redis = await startOwnRedis();
    server = await startServer({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'health:' } });
    const url = server.url;
    expect(await readyStatus(url)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { store: 'ok', notifications: 'ok', queue: 'ok', worker: 'ok' } },
    });

    await redis.stop();
    const stoppedAt = Date.now();
    // Each connection notices on its own: wait for the answer that names both the store and the queue.
    const unready = await waitFor('ready to turn 503 naming store and queue', async () => {
      const ready = await readyStatus(url);
      const checks = ready.body.checks as Record<string, string>;
      return ready.status === 503 && checks.store !== 'ok' && checks.queue !== 'ok' ? ready : undefined;
    });
    expect(Date.now() - stoppedAt).toBeLessThan(2000);
    expect(unready.body).toMatchObject({ status: 'not ready', code: 'SERVICE_UNAVAILABLE' });
    expect(unready.body.checks).toMatchObject({ store: 'not answering', queue: 'not answering' });
    expect(unready.body.message).toMatch(/^Not ready: .*store not answering.*queue not answering/);
    expect((await fetch(`${url}/api/health/live`)).status).toBe(200);

    await redis.start();
    await waitFor('ready to turn 200 again', async () => (await readyStatus(url)).status === 200);
  });
});
