// Guessing the secret at the sign-in page: ten wrong secrets a minute, then 429 with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

const SECRET = 'throttle-test-secret-0123456789';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { API_SECRET: SECRET } });
});
afterAll(() => server?.stop());

describe('sign-in throttle', () => {
  it('refuses a client with 429 and Retry-After after ten wrong secrets, even with the right one', async () => {
    const signIn = (secret: string) => postJson(`${server.url}/api/session`, { secret });
    for (let attempt = 0; attempt < 10; attempt += 1) expect((await signIn(`wrong-${attempt}`)).status).toBe(401);
    const refused = await signIn('wrong-again');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).code).toBe('TOO_MANY_REQUESTS');
    expect((await signIn(SECRET)).status).toBe(429);
    // The API itself (Bearer auth) is not affected.
    expect((await fetch(`${server.url}/api/runs`, { headers: { authorization: `Bearer ${SECRET}` } })).status).toBe(200);
  });
});
