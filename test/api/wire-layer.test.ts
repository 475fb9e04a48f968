// Under `npm start` the wire API (/api/v1) is answered by the lean wire server in front of Next
// (lib/server/wire-server.ts), and everything else by Next. Each API request's log line names the layer
// that handed it over, so a wire request that went through Next's route handlers fails here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The server's log line for the request with this id, once written. */
const requestLine = (reqId: string) =>
  server
    .output()
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((fields) => fields.reqId === reqId && fields.msg === 'request');

/** Sends the request with a fresh X-Request-Id and returns its status and the layer its log line names. */
async function layerOf(path: string, init: RequestInit = {}): Promise<{ status: number; layer: unknown }> {
  const reqId = `wire-layer-${randomUUID()}`;
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-request-id': reqId },
  });
  await response.arrayBuffer();
  expect(response.headers.get('x-request-id')).toBe(reqId);
  await expect.poll(() => requestLine(reqId)).toBeDefined();
  return { status: response.status, layer: requestLine(reqId)?.layer };
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the wire API under npm start', () => {
  it('serves dispatch, subscribe, publish, complete and the schema from the lean layer', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 2' }] });
    await subscribe(server.url, channelId);
    const request = { messages: [{ type: 'user', text: 'repeat 2' }] };
    expect(await layerOf('/api/v1/conversation/dispatch', postJson(request))).toEqual({
      status: 200,
      layer: 'wire',
    });
    expect(await layerOf(`/api/v1/channel/${channelId}/subscribe`, postJson({}))).toEqual({
      status: 200,
      layer: 'wire',
    });
    expect(
      await layerOf(`/api/v1/channel/${randomUUID()}/publish`, postJson({ message: { answer: 42 } })),
    ).toEqual({ status: 200, layer: 'wire' });
    expect(await layerOf('/api/v1/conversation/complete', postJson(request))).toEqual({
      status: 200,
      layer: 'wire',
    });
    expect(await layerOf('/api/v1/schema')).toEqual({ status: 200, layer: 'wire' });
  });

  it('answers refusals from the lean layer with the same error shape', async () => {
    const { status, layer } = await layerOf('/api/v1/conversation/dispatch', postJson({ messages: 'no' }));
    expect({ status, layer }).toEqual({ status: 400, layer: 'wire' });
  });

  it('answers an unknown /api/v1 path with a JSON 404, from the lean layer', async () => {
    for (const path of ['/api/v1/conversation/dispach', '/api/v1', '/api/v1/channel/abc/unsubscribe']) {
      const response = await fetch(`${server.url}${path}`, postJson({}));
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/json');
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('NOT_FOUND');
      expect(body.message).toMatch(/no such API path/);
    }
    expect(await layerOf('/api/v1/nothing-here')).toEqual({ status: 404, layer: 'wire' });
  });

  it('answers a wrong method with a JSON 405 and the methods the path takes in Allow', async () => {
    const cases: [string, string, string][] = [
      ['GET', '/api/v1/conversation/dispatch', 'POST'],
      ['POST', '/api/v1/schema', 'GET'],
      ['DELETE', `/api/v1/channel/${randomUUID()}/subscribe`, 'POST'],
      ['PUT', `/api/v1/channel/${randomUUID()}/publish`, 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { code: string; message: string };
      expect(body).toEqual({ code: 'METHOD_NOT_ALLOWED', message: `This API path takes ${allow} only` });
    }
    expect(await layerOf('/api/v1/conversation/complete')).toEqual({ status: 405, layer: 'wire' });
  });

  it('answers an unknown path elsewhere under /api with a JSON 404 too', async () => {
    const response = await fetch(`${server.url}/api/no-such-thing/here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('leaves the dashboard API to Next', async () => {
    expect(await layerOf('/api/engines')).toEqual({ status: 200, layer: 'next' });
  });

  it('gives wire answers the same security headers as Next’s answers', async () => {
    const [wire, next] = await Promise.all([
      fetch(`${server.url}/api/v1/schema`),
      fetch(`${server.url}/api/engines`),
    ]);
    await Promise.all([wire.arrayBuffer(), next.arrayBuffer()]);
    for (const name of [
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'x-frame-options',
      'permissions-policy',
    ]) {
      expect(wire.headers.get(name), name).toBe(next.headers.get(name));
      expect(wire.headers.get(name), name).toBeTruthy();
    }
  });
});
