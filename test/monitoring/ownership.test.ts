// The monitoring endpoints respect tenancy: another secret's runs are not counted in its overview,
// not announced in its notices, and their webhook deliveries answer 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, subscribe } from '../support/api-client';
import { startBackend, type RunningBackend } from '../support/backends';

const ALICE = 'alice-secret-0123456789abcdef';
const BOB = 'bob-secret-0123456789abcdef';
const as = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('monitoring endpoints and tenancy', () => {
  let server: RunningBackend;
  beforeAll(async () => {
    server = await startBackend('embedded', {
      API_SECRET: `${ALICE},${BOB}`,
      CHANNEL_WAIT_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const getJson = async (path: string, secret: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: as(secret) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('counts, announces and lists deliveries only for the caller’s own runs', async () => {
    expect((await fetch(`${server.url}/api/runs/overview`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/runs/notices`)).status).toBe(401);
    const bobStart = (await getJson('/api/runs/notices', BOB)).body.cursor as string | null;
    const aliceStart = (await getJson('/api/runs/notices', ALICE)).body.cursor as string | null;

    // Alice's run waits for a function result nobody publishes, then fails.
    const channelId = await dispatch(
      server.url,
      {
        messages: [{ type: 'user', text: 'Please lookupOrder 9' }],
        functions: [
          {
            name: 'lookupOrder',
            description: 'Look up an order',
            parameters: { type: 'object', properties: {} },
            result: { channel: 'orders' },
          },
        ],
      },
      as(ALICE),
    );
    await subscribe(server.url, channelId, {}, { headers: as(ALICE) });

    const aliceNotices = await getJson(`/api/runs/notices?after=${aliceStart ?? ''}`, ALICE);
    expect(
      (aliceNotices.body.items as { channelId: string; status: string }[]).map((item) => item.status),
    ).toEqual(['waiting', 'failed']);
    const bobNotices = await getJson(`/api/runs/notices?after=${bobStart ?? ''}`, BOB);
    expect(bobNotices.body.items).toEqual([]);
    // Bob's cursor still moved past Alice's notices.
    expect(bobNotices.body.cursor).toBe(aliceNotices.body.cursor);

    const aliceOverview = await getJson('/api/runs/overview?window=hour', ALICE);
    const bobOverview = await getJson('/api/runs/overview?window=hour', BOB);
    expect((aliceOverview.body.byStatus as Record<string, number>).failed).toBe(1);
    expect((bobOverview.body.byStatus as Record<string, number>).failed).toBe(0);

    expect((await getJson(`/api/runs/${channelId}/deliveries`, ALICE)).status).toBe(200);
    expect((await getJson(`/api/runs/${channelId}/deliveries`, BOB)).status).toBe(404);
    expect((await getJson('/api/runs/overview?window=year', ALICE)).status).toBe(400);
  });
});
