// With API_SECRET set: every API request needs a valid Bearer secret or session cookie, and a run
// belongs to the secret that created it (another secret gets 404 and never sees it listed).
import { ChatBotKit } from '@chatbotkit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

const ALPHA = 'alpha-secret-0123456789';
const BETA = 'beta-secret-9876543210';
const alpha = { authorization: `Bearer ${ALPHA}` };
const beta = { authorization: `Bearer ${BETA}` };

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    env: { API_SECRET: `${ALPHA}, ${BETA}`, LOCAL_TOKEN_DELAY_MS: '5', CHANNEL_WAIT_TIMEOUT_MS: '20000' },
  });
});
afterAll(async () => {
  await server?.stop();
});

const hello = { messages: [{ type: 'user', text: 'hello' }] };

function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const protectedEndpoints: [string, string, unknown?][] = [
  ['POST', '/api/v1/conversation/dispatch', hello],
  ['POST', '/api/v1/conversation/complete', hello],
  ['POST', '/api/v1/channel/some-channel/subscribe', {}],
  ['POST', '/api/v1/channel/some-channel/publish', { message: 'hi' }],
  ['GET', '/api/v1/schema'],
  ['GET', '/api/runs'],
  ['GET', '/api/runs/some-channel'],
  ['POST', '/api/runs/some-channel/cancel', {}],
  ['POST', '/api/runs/some-channel/retry', {}],
  ['GET', '/api/engines'],
];

async function listChannels(headers: Record<string, string>): Promise<string[]> {
  const response = await call('GET', '/api/runs?limit=200', headers);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { channelId: string }[] }).items.map((item) => item.channelId);
}

describe('Bearer authentication', () => {
  it.each(protectedEndpoints)(
    '%s %s without a secret answers 401 JSON UNAUTHORIZED',
    async (method, path, body) => {
      const response = await call(method, path, {}, body);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    },
  );

  it.each(protectedEndpoints)('%s %s with a wrong secret answers 401', async (method, path, body) => {
    for (const authorization of [
      `Bearer ${ALPHA}x`,
      `Bearer ${ALPHA.slice(0, -1)}`,
      'Bearer ',
      ALPHA,
      `Basic ${ALPHA}`,
    ]) {
      const response = await call(method, path, { authorization }, body);
      expect(response.status, authorization).toBe(401);
    }
  });

  it('accepts each configured secret, and nothing is stored for a refused dispatch', async () => {
    const before = await listChannels(alpha);
    const refused = await call(
      'POST',
      '/api/v1/conversation/dispatch',
      { authorization: 'Bearer nope' },
      hello,
    );
    expect(refused.status).toBe(401);
    expect(await listChannels(alpha)).toEqual(before);
    expect((await call('GET', '/api/v1/schema', alpha)).status).toBe(200);
    expect((await call('GET', '/api/v1/schema', beta)).status).toBe(200);
  });

  it('works with the official SDK given the secret', async () => {
    const client = new ChatBotKit({ secret: ALPHA, baseUrl: server.url });
    const { channelId } = await client.conversation.dispatch(null, {
      messages: [{ type: 'user', text: 'repeat 3' }],
    });
    const types: string[] = [];
    for await (const item of client.channel.subscribe(channelId).stream()) {
      types.push((item as unknown as { data: { type: string } }).data.type);
    }
    expect(types.at(-1)).toBe('completeEnd');
    const stranger = new ChatBotKit({ secret: 'not-a-secret', baseUrl: server.url });
    await expect(stranger.conversation.dispatch(null, hello as never)).rejects.toThrow();
  });

  it('tells an unknown API path (404) or a wrong method (405) without a secret: JSON, nothing about runs', async () => {
    for (const [method, path, status] of [
      ['POST', '/api/v1/conversation/dispach', 404],
      ['GET', '/api/v1/conversation/dispatch', 405],
      ['GET', '/api/no-such-endpoint', 404],
    ] as const) {
      const response = await call(method, path);
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(((await response.json()) as { code: string }).code).toBe(status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED');
    }
  });
});

describe('runs belong to the secret that created them', () => {
  it('another secret gets 404 for get, subscribe, answer, cancel and retry, and never sees the run listed', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 400' }] }, alpha);
    // A publish names a channel in the caller's own mailboxes: it succeeds and touches nothing of alpha's.
    expect(
      (await call('POST', `/api/v1/channel/${channelId}/publish`, beta, { message: 'intrusion' })).status,
    ).toBe(200);
    const notFound = [
      await call('GET', `/api/runs/${channelId}`, beta),
      await call('POST', `/api/v1/channel/${channelId}/subscribe`, beta, {}),
      await call('POST', `/api/runs/${channelId}/answer`, beta, { channel: 'any', message: 'intrusion' }),
      await call('POST', `/api/runs/${channelId}/cancel`, beta, {}),
      await call('POST', `/api/runs/${channelId}/retry`, beta, {}),
    ];
    for (const response of notFound) {
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe('NOT_FOUND');
    }
    expect(await listChannels(beta)).not.toContain(channelId);
    expect(await listChannels(alpha)).toContain(channelId);

    // The owner's run was not touched by any of it: it completes normally.
    const stream = await subscribe(server.url, channelId, {}, { headers: alpha });
    expect(stream.status).toBe(200);
    expect(eventTypes(stream.lines).slice(-2)).toEqual(['result', 'completeEnd']);
  });

  it('a publish wakes only runs of the same secret, even on the same channel name', async () => {
    const shared = `answers-${Date.now()}`;
    const waiting = await dispatch(
      server.url,
      {
        messages: [{ type: 'user', text: 'Please lookupOrder for order 42' }],
        functions: [
          {
            name: 'lookupOrder',
            description: 'Look up an order by its number',
            parameters: { type: 'object', properties: { order: { type: 'integer' } } },
            result: { channel: shared },
          },
        ],
      },
      alpha,
    );
    const events: { type: string; data: Record<string, unknown> }[] = [];
    let publishing: Promise<number[]> | undefined;
    const stream = await subscribe(
      server.url,
      waiting,
      {},
      {
        headers: alpha,
        onLine: (line) => {
          events.push(line.data);
          if (line.data.type === 'waitForChannelMessageBegin' && !publishing) {
            // The other tenant publishes first, then the owner; only the owner's message may answer.
            // No pause between them: a publish is delivered before it is answered, and the run takes
            // its messages oldest first, so a leak of beta's would be taken before alpha's.
            publishing = (async () => {
              const intrusion = await call('POST', `/api/v1/channel/${shared}/publish`, beta, {
                message: { from: 'beta' },
              });
              const answer = await call('POST', `/api/v1/channel/${shared}/publish`, alpha, {
                message: { from: 'alpha' },
              });
              return [intrusion.status, answer.status];
            })();
          }
        },
      },
    );
    expect(stream.status).toBe(200);
    expect(await publishing).toEqual([200, 200]);
    const activity = events.find(
      (event) => event.type === 'message' && (event.data as { type?: string }).type === 'activity',
    );
    expect(JSON.stringify(activity)).toContain('alpha');
    expect(JSON.stringify(activity)).not.toContain('beta');
    expect(events.at(-1)?.type).toBe('completeEnd');
  });

  it('a client-chosen channel id taken by another secret answers 409 exactly as one taken by yourself', async () => {
    const channelId = `chosen-${Date.now()}`;
    await dispatch(server.url, { ...hello, channelId }, alpha);
    const byOther = await call('POST', '/api/v1/conversation/dispatch', beta, { ...hello, channelId });
    const byOwner = await call('POST', '/api/v1/conversation/dispatch', alpha, { ...hello, channelId });
    expect(byOther.status).toBe(409);
    expect(byOwner.status).toBe(409);
    expect(await byOther.json()).toEqual(await byOwner.json());
    expect(await listChannels(beta)).not.toContain(channelId);
  });
});

describe('dashboard session', () => {
  async function signIn(secret: string) {
    return postJson(`${server.url}/api/session`, { secret });
  }

  it('refuses a wrong secret with 401 and sets no cookie', async () => {
    const response = await signIn('wrong-secret');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('sets a signed httpOnly SameSite=Lax cookie that authenticates as the secret, and sign-out clears it', async () => {
    const response = await signIn(BETA);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ds_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    expect(setCookie).not.toContain(BETA);
    const cookie = setCookie.split(';')[0];

    const betaRun = await dispatch(server.url, hello, { cookie });
    expect(await listChannels({ cookie })).toContain(betaRun);
    expect(await listChannels(beta)).toContain(betaRun);
    expect(await listChannels(alpha)).not.toContain(betaRun);

    // A tampered cookie (another owner's id, or a changed signature) is no session at all.
    const [version, owner, expires, signature] = cookie.slice('ds_session='.length).split('.');
    const tampered = [
      `ds_session=${version}.${owner}.${Number(expires) + 1000}.${signature}`,
      `ds_session=${version}.${owner}.${expires}.${signature.slice(0, -2)}AA`,
      `ds_session=${version}.key_0000000000000000.${expires}.${signature}`,
    ];
    for (const bad of tampered) expect((await call('GET', '/api/runs', { cookie: bad })).status).toBe(401);

    const signOut = await call('DELETE', '/api/session', { cookie });
    expect(signOut.status).toBe(200);
    expect(signOut.headers.get('set-cookie')).toMatch(/^ds_session=; .*Max-Age=0/);
  });

  it('sends a visitor without a session from a dashboard page to /sign-in, and lets one with a session in', async () => {
    const anonymous = await fetch(`${server.url}/runs?status=failed`, { redirect: 'manual' });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get('location')).toBe('/sign-in?next=%2Fruns%3Fstatus%3Dfailed');
    const signInPage = await fetch(`${server.url}/sign-in`);
    expect(signInPage.status).toBe(200);
    expect(await signInPage.text()).toContain('Sign in');

    const cookie = ((await signIn(ALPHA)).headers.get('set-cookie') ?? '').split(';')[0];
    const home = await fetch(`${server.url}/`, { headers: { cookie }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Sign out');
  });

  it("gives every page the app's icon, without a session (no 404 for /favicon.ico)", async () => {
    const favicon = await fetch(`${server.url}/favicon.ico`, { redirect: 'manual' });
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toBe('image/x-icon');
    const signInPage = await (await fetch(`${server.url}/sign-in`)).text();
    const iconHref = /<link rel="icon" href="(\/icon\.svg[^"]*)"/
      .exec(signInPage)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(iconHref).toBeDefined();
    const icon = await fetch(`${server.url}${iconHref}`, { redirect: 'manual' });
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });
});
