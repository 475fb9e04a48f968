// With API_SECRET set, an experiment belongs to the secret that created it: without a secret every
// experiments endpoint answers 401, another secret gets 404 and never sees it listed, and a skillset
// ability's secretId is masked in the experiment as in the runs API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/next-server';
import { twoTenants } from '../support/api-client';

const { apiSecret, alpha, beta } = twoTenants('experiments');

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { API_SECRET: apiSecret } });
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('experiments belong to the secret that created them', () => {
  it('answers 401 without a secret, 404 to another secret, and lists them only for their owner', async () => {
    const created = await call('POST', '/api/experiments', alpha, {
      kind: 'compare',
      request: {
        messages: [{ type: 'user', text: 'Look up my order' }],
        extensions: {
          skillsets: [
            {
              abilities: [
                {
                  name: 'Orders',
                  description: 'Looks up orders',
                  instruction: 'Use the CRM',
                  secretId: 'crm-secret-id-42',
                },
              ],
            },
          ],
        },
      },
      variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bea.' }],
    });
    expect(created.status).toBe(201);
    const { experiment } = await created.json();
    expect(JSON.stringify(experiment)).not.toContain('crm-secret-id-42');
    expect(experiment.spec.request.extensions.skillsets[0].abilities[0].secretId).toBe('[redacted]');

    const paths: [string, string][] = [
      ['GET', `/api/experiments/${experiment.id}`],
      ['PATCH', `/api/experiments/${experiment.id}`],
      ['GET', `/api/experiments/${experiment.id}/cells`],
      ['GET', `/api/experiments/${experiment.id}/inputs`],
      ['GET', `/api/experiments/${experiment.id}/export?format=jsonl`],
      ['POST', `/api/experiments/${experiment.id}/cancel`],
      ['POST', `/api/experiments/${experiment.id}/retry`],
    ];
    for (const [method, path] of [...paths, ['GET', '/api/experiments'] as [string, string]]) {
      const body = method === 'GET' ? undefined : {};
      expect((await call(method, path, {}, body)).status, `${method} ${path}`).toBe(401);
    }
    for (const [method, path] of paths) {
      const body = method === 'GET' ? undefined : {};
      expect((await call(method, path, beta, body)).status, `${method} ${path}`).toBe(404);
    }
    const betaList = await (await call('GET', '/api/experiments', beta)).json();
    expect(betaList.items).toEqual([]);
    const alphaList = await (await call('GET', '/api/experiments', alpha)).json();
    expect(alphaList.items.map((item: { id: string }) => item.id)).toEqual([experiment.id]);

    await expect
      .poll(
        async () =>
          (await (await call('GET', `/api/experiments/${experiment.id}`, alpha)).json()).experiment.status,
      )
      .toBe('finished');
    const exported = await (
      await call('GET', `/api/experiments/${experiment.id}/export?format=jsonl`, alpha)
    ).text();
    expect(exported.trim().split('\n')).toHaveLength(2);
    expect(exported).not.toContain('crm-secret-id-42');
  });
});
