// The small holes: X-Forwarded-For is believed only with TRUST_PROXY=true; signing out revokes that
// session on the server; wrong Bearer secrets are throttled per client like sign-in; a client that
// aborts its body is not logged as an error; a malformed percent-encoded path answers 400 JSON.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';
import { waitUntil } from '../support/waiting-run';

const SECRET = 'small-hardening-secret-0123456789';
let direct: RunningServer;
let proxied: RunningServer;

beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    startServer({ env: { API_SECRET: SECRET } }),
    startServer({ env: { API_SECRET: SECRET, TRUST_PROXY: 'true' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

const signIn = (server: RunningServer, secret: string, headers: Record<string, string> = {}) =>
  postJson(`${server.url}/api/session`, { secret }, headers);
const bearer = (secret: string, headers: Record<string, string> = {}) => ({
  authorization: `Bearer ${secret}`,
  ...headers,
});
let clientNumber = 0;
/** A client address of its own for each test on the server behind the (pretend) proxy. */
const nextClient = () => `198.51.100.${(clientNumber += 1)}`;

describe('X-Forwarded-For', () => {
  it('is ignored without TRUST_PROXY: a client cannot pick a fresh throttle key for each guess', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await signIn(direct, `wrong-${attempt}`, {
        'x-forwarded-for': `203.0.113.${attempt}`,
      });
      expect(response.status).toBe(401);
    }
    const refused = await signIn(direct, 'wrong-again', { 'x-forwarded-for': '203.0.113.200' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("with TRUST_PROXY names the client by the proxy's entry, so one client cannot lock out another", async () => {
    const guesser = nextClient();
    const bystander = nextClient();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      // The first entries are whatever the client sent; the last one is what the proxy saw.
      const forwarded = `10.0.0.${attempt}, ${guesser}`;
      expect((await signIn(proxied, `wrong-${attempt}`, { 'x-forwarded-for': forwarded })).status).toBe(401);
    }
    expect((await signIn(proxied, SECRET, { 'x-forwarded-for': `${bystander}, ${guesser}` })).status).toBe(
      429,
    );
    expect((await signIn(proxied, SECRET, { 'x-forwarded-for': `${guesser}, ${bystander}` })).status).toBe(
      200,
    );
  });
});

describe('sign-out', () => {
  it('revokes that session on the server: the old cookie no longer opens the API or the pages', async () => {
    const client = { 'x-forwarded-for': nextClient() };
    const cookieOf = async (response: Response) => {
      expect(response.status).toBe(200);
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const cookie = await cookieOf(await signIn(proxied, SECRET, client));
    const otherBrowser = await cookieOf(await signIn(proxied, SECRET, client));
    const runsWith = (value: string) => fetch(`${proxied.url}/api/runs`, { headers: { cookie: value } });
    const pageWith = (value: string) =>
      fetch(`${proxied.url}/runs`, { headers: { cookie: value }, redirect: 'manual' });
    expect((await runsWith(cookie)).status).toBe(200);
    expect((await pageWith(cookie)).status).toBe(200);

    const signedOut = await fetch(`${proxied.url}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get('set-cookie')).toContain('Max-Age=0');

    expect((await runsWith(cookie)).status).toBe(401);
    const page = await pageWith(cookie);
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/sign-in?next=%2Fruns');
    // Only that session ended: the same secret signed in elsewhere still works.
    expect((await runsWith(otherBrowser)).status).toBe(200);
  });
});

describe('Bearer secrets', () => {
  it('are throttled per client: after 60 wrong ones a minute, 429 with Retry-After even for the right one', async () => {
    const guesser = nextClient();
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const response = await fetch(`${proxied.url}/api/runs`, {
        headers: bearer(`wrong-${attempt}`, { 'x-forwarded-for': guesser }),
      });
      expect(response.status).toBe(401);
    }
    const refused = await fetch(`${proxied.url}/api/runs`, {
      headers: bearer(SECRET, { 'x-forwarded-for': guesser }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const bystander = await fetch(`${proxied.url}/api/runs`, {
      headers: bearer(SECRET, { 'x-forwarded-for': nextClient() }),
    });
    expect(bystander.status).toBe(200);
  });
});

describe('a client that aborts its body', () => {
  it('is answered without an error in the log', async () => {
    const socket = net.connect(direct.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    await new Promise((resolve) =>
      socket.write(
        `POST /api/v1/conversation/dispatch HTTP/1.1\r\nHost: 127.0.0.1:${direct.port}\r\n` +
          `Authorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"messages":[`,
        resolve,
      ),
    );
    socket.destroy();
    await waitUntil(
      async () => direct.output(),
      (output) => output.includes('the client closed the connection before sending its whole body'),
      15_000,
      'the cut-off body noted',
    );
    expect(direct.output()).not.toMatch(/unexpected error|ECONNRESET|Error: aborted/);
  });
});

describe('a malformed percent-encoded path', () => {
  it.each([
    ['GET', '/api/runs/%E0%A4%A'],
    ['POST', '/api/v1/channel/%E0%A4%A/subscribe'],
    ['GET', '/runs/%E0%A4%A'],
    ['GET', '/%ZZ'],
  ])('%s %s answers 400 JSON with the security headers', async (method, path) => {
    const response = await fetch(`${direct.url}${path}`, { method, headers: bearer(SECRET) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('address'),
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('leaves well-formed escapes alone', async () => {
    const response = await fetch(`${direct.url}/api/runs/%41%20b`, { headers: bearer(SECRET) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
