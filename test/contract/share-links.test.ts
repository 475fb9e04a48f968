// Share links, once per backend: a signed token that opens one run read-only without signing in, live
// while it runs; that grants nothing else; answers only when allowed; and stops at expiry or revocation.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dispatch,
  eventTypes,
  postJson,
  subscribe,
  type SubscribeLine,
  twoTenants,
} from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { testRedis } from '../support/redis';
import { waitingRun } from '../support/waiting-run';
import type { ShareView } from '@/lib/share/shares';
import { signShareToken } from '@/lib/share/token';

const { apiSecret, alpha, beta } = twoTenants('shares');

describe.each(BACKENDS)('%s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, {
      API_SECRET: apiSecret,
      LOCAL_TOKEN_DELAY_MS: '5',
      CHANNEL_WAIT_TIMEOUT_MS: '60000',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function share(channelId: string, body: Record<string, unknown> = {}, headers = alpha) {
    const response = await postJson(`${server.url}/api/runs/${channelId}/shares`, body, headers);
    return {
      response,
      share: response.status === 200 ? ((await response.json()).share as ShareView) : undefined,
    };
  }
  async function createShare(channelId: string, body: Record<string, unknown> = {}): Promise<ShareView> {
    const { response, share: created } = await share(channelId, body);
    expect(response.status).toBe(200);
    return created as ShareView;
  }
  const tokenOf = (view: ShareView) => view.path.replace('/share/', '');
  const openShare = (token: string) => fetch(`${server.url}/api/share/${token}`);
  const revokeShare = (channelId: string, id: string, headers = alpha) =>
    fetch(`${server.url}/api/runs/${channelId}/shares/${id}`, { method: 'DELETE', headers });
  const statusOf = async (channelId: string) =>
    (
      (await (await fetch(`${server.url}/api/runs/${channelId}`, { headers: alpha })).json()) as {
        run: { status: string };
      }
    ).run.status;
  const waitForStatus = (channelId: string, status: string) =>
    expect.poll(() => statusOf(channelId), { timeout: 20_000, interval: 50 }).toBe(status);

  it('opens one run without a secret, live while it goes on, for 24 hours by default', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 800' }] }, alpha);
    const created = await createShare(channelId);
    expect(created.expiresAt - Date.now()).toBeGreaterThan(23.9 * 60 * 60 * 1000);
    expect(created.expiresAt - Date.now()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    expect(created.allowAnswer).toBe(false);

    const opened = await openShare(tokenOf(created));
    expect(opened.status).toBe(200);
    const detail = await opened.json();
    expect(detail.run.channelId).toBe(channelId);
    expect(detail.request.messages[0].text).toBe('repeat 800');
    expect(detail.run.retryOf).toBeUndefined();

    // The stream through the link is the run's own, live: it sees the run still going, then its end.
    const seenStatuses = new Set<string>();
    const lines: SubscribeLine[] = [];
    const response = await fetch(`${server.url}/api/share/${tokenOf(created)}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffered += chunk.value;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) lines.push(JSON.parse(part) as SubscribeLine);
      if (seenStatuses.size === 0 && lines.length >= 3) seenStatuses.add(await statusOf(channelId));
    }
    expect(seenStatuses.has('running')).toBe(true);
    const own = await subscribe(server.url, channelId, {}, { headers: alpha });
    expect(lines).toEqual(own.lines);
    expect(eventTypes(lines).at(-1)).toBe('completeEnd');
  });

  it('grants nothing else: no runs list, no other run, no cancel, retry or answer, no dashboard page', async () => {
    const channelId = await dispatch(server.url, waitingRun(`scope-${Date.now()}`), alpha);
    const other = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const created = await createShare(channelId);
    const token = tokenOf(created);
    const asBearer = { authorization: `Bearer ${token}` };
    const refused = [
      await fetch(`${server.url}/api/runs`, { headers: asBearer }),
      await fetch(`${server.url}/api/runs/${channelId}`, { headers: asBearer }),
      await fetch(`${server.url}/api/runs/${other}`, { headers: asBearer }),
      await postJson(`${server.url}/api/v1/channel/${other}/subscribe`, {}, asBearer),
      await postJson(`${server.url}/api/runs/${channelId}/cancel`, {}, asBearer),
      await postJson(`${server.url}/api/runs/${channelId}/retry`, {}, asBearer),
      await postJson(`${server.url}/api/runs/${channelId}/shares`, {}, asBearer),
    ];
    for (const response of refused) expect(response.status).toBe(401);
    // There is no cancel or retry under the share path.
    for (const action of ['cancel', 'retry']) {
      expect((await postJson(`${server.url}/api/share/${token}/${action}`, {})).status).toBe(404);
    }
    const page = await fetch(`${server.url}/runs`, { redirect: 'manual', headers: { cookie: `x=${token}` } });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/sign-in');

    // Read-only: answering is refused and the run goes on waiting.
    await waitForStatus(channelId, 'waiting');
    const answer = await postJson(`${server.url}/api/share/${token}/answer`, { channel: 'x', message: 'no' });
    expect(answer.status).toBe(403);
    expect((await answer.json()).code).toBe('FORBIDDEN');
    expect(await statusOf(channelId)).toBe('waiting');
    await postJson(`${server.url}/api/runs/${channelId}/cancel`, {}, alpha);
  });

  it('answers the waiting function when the sharer allowed answering', async () => {
    const channel = `allowed-${Date.now()}`;
    const channelId = await dispatch(server.url, waitingRun(channel), alpha);
    const created = await createShare(channelId, { allowAnswer: true });
    await waitForStatus(channelId, 'waiting');
    const answer = await postJson(`${server.url}/api/share/${tokenOf(created)}/answer`, {
      channel,
      message: { from: 'the room' },
    });
    expect(answer.status).toBe(200);
    await waitForStatus(channelId, 'completed');
    const { lines } = await subscribe(server.url, channelId, {}, { headers: alpha });
    expect(JSON.stringify(lines)).toContain('the room');
  });

  it('makes short links, and answers 401 for a forged or altered token', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const created = await createShare(channelId);
    const token = tokenOf(created);
    expect(token.length).toBeLessThanOrEqual(40);
    const [shareId, signature] = token.split('.');
    expect(shareId).toBe(created.id);
    const other = await createShare(
      await dispatch(server.url, { messages: [{ type: 'user', text: 'another' }] }, alpha),
    );
    const key = await serverShareKey();
    const longForm = (signingKey: Buffer) =>
      signShareToken(
        {
          shareId,
          target: { kind: 'run', id: 'another-run' },
          expiresAt: created.expiresAt,
          allowAnswer: true,
        },
        signingKey,
      );
    for (const forged of [
      `${other.id}.${signature}`,
      `${shareId}.${signature.slice(0, -3)}abc`,
      shareId,
      `${shareId}.`,
      longForm(Buffer.from('another key of at least 32 characters')),
      'not-a-token',
    ]) {
      const response = await openShare(forged);
      expect(response.status).toBe(401);
      expect((await response.json()).code).toBe('UNAUTHORIZED');
    }
    // Signed with the key, but naming another run than its share record: it opens nothing.
    expect((await openShare(longForm(key))).status).toBe(410);
  });

  it('still opens a link made before short links, with the run it signed', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const created = await createShare(channelId);
    const grant = { shareId: created.id, target: { kind: 'run' as const, id: channelId } };
    const longToken = signShareToken(
      { ...grant, expiresAt: created.expiresAt, allowAnswer: false },
      await serverShareKey(),
    );
    expect(longToken.startsWith('s1.')).toBe(true);
    const response = await openShare(longToken);
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain(channelId);
    expect((await revokeShare(channelId, created.id)).status).toBe(200);
    expect((await openShare(longToken)).status).toBe(410);
  });

  it('answers 410 once the link expired', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const created = await createShare(channelId, { expiresInSeconds: 1 });
    expect((await openShare(tokenOf(created))).status).toBe(200);
    // Expiry is the behaviour under test: wait until the link's own expiry time has passed.
    await expect.poll(() => Date.now(), { timeout: 5_000, interval: 100 }).toBeGreaterThan(created.expiresAt);
    const expired = await openShare(tokenOf(created));
    expect(expired.status).toBe(410);
    expect((await expired.json()).message).toMatch(/expired/);
    const stream = await postJson(`${server.url}/api/share/${tokenOf(created)}/subscribe`, {});
    expect(stream.status).toBe(410);
  });

  it('answers 410 once the owner revoked it; only the owner can list, create or revoke', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const kept = await createShare(channelId);
    const revoked = await createShare(channelId, { expiresInSeconds: 3600, allowAnswer: true });
    const list = async (headers = alpha) => fetch(`${server.url}/api/runs/${channelId}/shares`, { headers });
    expect(((await (await list()).json()).shares as ShareView[]).map((view) => view.id)).toEqual([
      revoked.id,
      kept.id,
    ]);
    expect((await list(beta)).status).toBe(404);
    expect((await share(channelId, {}, beta)).response.status).toBe(404);
    const revoke = (id: string, headers = alpha) => revokeShare(channelId, id, headers);
    expect((await revoke(revoked.id, beta)).status).toBe(404);
    expect((await openShare(tokenOf(revoked))).status).toBe(200);

    expect((await revoke(revoked.id)).status).toBe(200);
    const response = await openShare(tokenOf(revoked));
    expect(response.status).toBe(410);
    expect((await response.json()).message).toMatch(/revoked/);
    expect((await postJson(`${server.url}/api/share/${tokenOf(revoked)}/subscribe`, {})).status).toBe(410);
    expect((await openShare(tokenOf(kept))).status).toBe(200);
    expect(((await (await list()).json()).shares as ShareView[]).map((view) => view.id)).toEqual([kept.id]);
    expect((await revoke('no-such-share')).status).toBe(404);
  });

  it('refuses a share longer than 30 days with the field path', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const { response } = await share(channelId, { expiresInSeconds: 31 * 24 * 3600 });
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].path).toBe('expiresInSeconds');
  });

  /** The generated signing key where the backend keeps it: a file only the server may read, or a Redis key. */
  const serverShareKey = async () => Buffer.from(await storedShareKey(), 'base64');
  async function storedShareKey(): Promise<string> {
    if (!server.redisPrefix) {
      const file = path.join(server.server.dataDir, 'share-key');
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      return fs.readFileSync(file, 'utf8').trim();
    }
    const redis = testRedis();
    try {
      return (await redis.get(`${server.redisPrefix}share-key`)) as string;
    } finally {
      await redis.quit();
    }
  }

  it('keeps its generated signing key private, never in an answer', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'hello' }] }, alpha);
    const created = await createShare(channelId);
    const key = await storedShareKey();
    expect(key.length).toBeGreaterThanOrEqual(32);
    const texts = [
      JSON.stringify(created),
      await (await openShare(tokenOf(created))).text(),
      await (await fetch(`${server.url}/api/runs/${channelId}/shares`, { headers: alpha })).text(),
    ];
    for (const text of texts) expect(text).not.toContain(key);
  });
});
