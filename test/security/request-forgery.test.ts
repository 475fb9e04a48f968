// Requests a browser was tricked into sending are refused: unknown Host names (DNS rebinding) get 421,
// state-changing requests from another origin (or another port of this host) get 403, and JSON endpoints
// refuse bodies that are not application/json with 415. Clients without Origin (curl, the SDK) still work.
// The same checks in Chromium, with a page on another origin: e2e/cross-site.spec.ts.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer;
let extended: RunningServer;

beforeAll(async () => {
  [server, extended] = await Promise.all([
    startServer(),
    startServer({ env: { ALLOWED_HOSTS: 'studio.example, Dispatch.Internal:8443' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), extended?.stop()]);
});

const hello = { messages: [{ type: 'user', text: 'hello' }] };

/** fetch() may not set Host; node:http can. */
function requestWithHost(
  target: RunningServer,
  path: string,
  host: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: { host, ...options.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

async function runCount(target: RunningServer): Promise<number> {
  const response = await fetch(`${target.url}/api/runs?limit=200`);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

describe('Host names', () => {
  it.each([
    ['GET', '/api/runs'],
    ['GET', '/runs'],
    ['GET', '/'],
    ['POST', '/api/v1/conversation/dispatch'],
  ])('%s %s with Host evil.example answers 421 JSON with the security headers', async (method, path) => {
    const before = await runCount(server);
    const response = await requestWithHost(server, path, `evil.example:${server.port}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify(hello) : undefined,
    });
    expect(response.status).toBe(421);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'MISDIRECTED_REQUEST' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(await runCount(server)).toBe(before);
  });

  it('answers to loopback names and to what ALLOWED_HOSTS adds, in any case and with any port', async () => {
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `[::1]:${server.port}`,
      'LOCALHOST',
    ]) {
      expect((await requestWithHost(server, '/api/runs', host)).status, host).toBe(200);
    }
    expect((await requestWithHost(server, '/api/runs', 'studio.example')).status).toBe(421);
    for (const host of [
      'studio.example',
      'STUDIO.example:443',
      'dispatch.internal:8443',
      `127.0.0.1:${extended.port}`,
    ]) {
      expect((await requestWithHost(extended, '/api/runs', host)).status, host).toBe(200);
    }
    expect((await requestWithHost(extended, '/api/runs', 'other.example')).status).toBe(421);
  });
});

describe('cross-site requests', () => {
  const self = () => `http://127.0.0.1:${server.port}`;
  const crossSite: [string, Record<string, string>][] = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['another port of this host', { origin: 'http://127.0.0.1:8999' }],
    ['localhost for 127.0.0.1', { origin: 'http://localhost:PORT' }],
    ['Origin null (a sandboxed page or a redirect)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    [
      'Sec-Fetch-Site same-site (another port)',
      { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:8999' },
    ],
  ];

  it.each(crossSite)('refuses a dispatch from %s with 403 and stores nothing', async (_name, headers) => {
    const before = await runCount(server);
    const withPort = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key, value.replace('PORT', String(server.port))]),
    );
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, hello, withPort);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await runCount(server)).toBe(before);
  });

  it.each([
    ['POST', '/api/v1/channel/anything/publish', { message: 'x' }],
    ['POST', '/api/runs/anything/cancel', undefined],
    ['POST', '/api/runs/anything/retry', undefined],
    ['POST', '/api/v1/conversation/complete', hello],
    ['POST', '/api/session', { secret: 'x' }],
    ['DELETE', '/api/session', undefined],
  ])('refuses %s %s from another site with 403', async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(403);
  });

  it('accepts this origin, Sec-Fetch-Site same-origin or none, and clients that send neither', async () => {
    const accepted: Record<string, string>[] = [
      { origin: self() },
      { origin: self(), 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of accepted) {
      const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, hello, headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('lets reads from other sites through (the browser keeps their answers from the page)', async () => {
    const response = await fetch(`${server.url}/api/v1/schema`, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('JSON bodies only', () => {
  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSONL', 'application/jsonl'],
    ['no type at all', undefined],
  ])('refuses a JSON body sent as %s with 415 and stores nothing', async (_name, type) => {
    const before = await runCount(server);
    const response = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
      method: 'POST',
      headers: type === undefined ? {} : { 'content-type': type },
      body: new TextEncoder().encode(JSON.stringify(hello)),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await runCount(server)).toBe(before);
  });

  it('accepts application/json with parameters and +json types, and an empty body without a type', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json']) {
      const response = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(hello),
      });
      expect(response.status, type).toBe(200);
    }
    const empty = await fetch(`${server.url}/api/v1/channel/no-such-channel/subscribe`, { method: 'POST' });
    expect(empty.status).toBe(404);
  });
});
