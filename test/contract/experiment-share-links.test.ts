// Share links of experiments, once per backend: the same signed token as a run's opens one experiment
// read-only without signing in — its comparison's runs live, its batch grid and inputs — grants nothing
// else (no other experiment, no run outside it, no action), and stops at revocation or expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellSummary } from '@/lib/experiments/service';
import type { ExperimentView } from '@/lib/experiments/view';
import { dispatch, eventTypes, postJson, subscribe, twoTenants } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import type { ShareView } from '@/lib/share/shares';

const { apiSecret, alpha, beta } = twoTenants('experiment-shares');
const FUNCTION_SECRET = 'internal-crm-answer-31337';

const compareBody = (text: string) => ({
  kind: 'compare',
  name: 'Which tone?',
  request: {
    messages: [{ type: 'user', text }],
    model: 'local',
    functions: [
      {
        name: 'lookupCustomer',
        description: 'Looks a customer up',
        parameters: { type: 'object', properties: { name: { type: 'string' } } },
        result: { data: { note: FUNCTION_SECRET } },
      },
    ],
  },
  variants: [
    { label: 'Plain', model: 'local' },
    { label: 'Brief', model: 'local', backstory: 'Answer briefly.' },
  ],
});

const batchBody = {
  kind: 'batch',
  name: 'Orders',
  request: { messages: [{ type: 'user', text: 'placeholder' }] },
  variants: [{ label: 'A' }, { label: 'B', backstory: 'Be terse.' }],
  rows: [
    { order_id: '17', internal: 'warehouse-code-991' },
    { order_id: '18', internal: 'warehouse-code-992' },
  ],
  messageTemplate: 'Where is order {{order_id}}?',
};

describe.each(BACKENDS)('%s backend', (backendName) => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend(backendName, { API_SECRET: apiSecret, LOCAL_TOKEN_DELAY_MS: '5' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function createExperiment(body: unknown): Promise<ExperimentView> {
    const response = await postJson(`${server.url}/api/experiments`, body, alpha);
    expect(response.status).toBe(201);
    return ((await response.json()) as { experiment: ExperimentView }).experiment;
  }
  const sharesUrl = (id: string) => `${server.url}/api/experiments/${id}/shares`;
  async function createShare(id: string, body: Record<string, unknown> = {}): Promise<ShareView> {
    const response = await postJson(sharesUrl(id), body, alpha);
    expect(response.status).toBe(200);
    return ((await response.json()) as { share: ShareView }).share;
  }
  const tokenOf = (view: ShareView) => view.path.replace('/share/', '');
  const viaShare = (token: string, rest = '') => fetch(`${server.url}/api/share/${token}${rest}`);
  const sharedCells = async (token: string) =>
    ((await (await viaShare(token, '/cells?after=0')).json()) as { cells: CellSummary[] }).cells.sort(
      (a, b) => a.row - b.row || a.variant - b.variant,
    );
  const ownerCells = async (id: string) =>
    (
      (await (
        await fetch(`${server.url}/api/experiments/${id}/cells?after=0`, { headers: alpha })
      ).json()) as {
        cells: CellSummary[];
      }
    ).cells.sort((a, b) => a.row - b.row || a.variant - b.variant);
  const channelsOf = (cells: CellSummary[]) => cells.map((cell) => cell.channelId ?? '');

  it('opens a comparison without a secret: its question and variants, and each column’s run live', async () => {
    const experiment = await createExperiment(compareBody('repeat 600'));
    const token = tokenOf(await createShare(experiment.id));

    const opened = await viaShare(token);
    expect(opened.status).toBe(200);
    const text = await opened.text();
    const detail = JSON.parse(text);
    expect(detail.kind).toBe('experiment');
    expect(detail.experiment).toMatchObject({ id: experiment.id, name: 'Which tone?', kind: 'compare' });
    expect(detail.experiment.spec.variants.map((variant: { label: string }) => variant.label)).toEqual([
      'Plain',
      'Brief',
    ]);
    expect(detail.experiment.spec.request).toEqual({ messages: [{ type: 'user', text: 'repeat 600' }], model: 'local' });
    // Only the conversation and its model (what an empty variant model means): not the functions'
    // results, nor who owns it.
    expect(text).not.toContain(FUNCTION_SECRET);
    expect(text).not.toContain('owner');

    // The columns' runs, through the link, are the runs' own streams, live while they go on.
    await expect
      .poll(async () => channelsOf(await sharedCells(token)).every(Boolean), { timeout: 20_000 })
      .toBe(true);
    const cells = await sharedCells(token);
    expect(cells).toEqual(await ownerCells(experiment.id));
    const channelId = cells[0].channelId as string;
    // Still going when the link's stream opens, and followed to its end through it.
    const before = await viaShare(token, `/runs/${channelId}`);
    expect(['queued', 'running']).toContain((await before.json()).run.status);
    const shared = await subscribe(
      server.url,
      channelId,
      {},
      {
        url: `${server.url}/api/share/${token}/runs/${channelId}/subscribe`,
      },
    );
    expect(shared.status).toBe(200);
    expect(eventTypes(shared.lines).at(-1)).toBe('completeEnd');
    const own = await subscribe(server.url, channelId, {}, { headers: alpha });
    expect(shared.lines).toEqual(own.lines);

    const run = await viaShare(token, `/runs/${channelId}`);
    expect(run.status).toBe(200);
    const { run: summary } = await run.json();
    expect(summary).toMatchObject({ channelId, status: 'completed' });
    expect(JSON.stringify(summary)).not.toContain(FUNCTION_SECRET);

    // The experiment's progress follows through the link until every cell has ended.
    await expect
      .poll(async () => (await sharedCells(token)).map((cell) => cell.status), { timeout: 30_000 })
      .toEqual(['completed', 'completed']);
    await expect
      .poll(async () => (await (await viaShare(token)).json()).experiment.status, { timeout: 10_000 })
      .toBe('finished');
  });

  it('opens a batch’s grid and its inputs’ messages, not the upload’s other columns', async () => {
    const experiment = await createExperiment(batchBody);
    const token = tokenOf(await createShare(experiment.id));
    const inputs = await viaShare(token, '/inputs');
    expect(inputs.status).toBe(200);
    expect(await inputs.json()).toEqual({ inputs: ['Where is order 17?', 'Where is order 18?'] });
    expect(await (await viaShare(token)).text()).not.toContain('warehouse-code');
    await expect
      .poll(async () => (await sharedCells(token)).every((cell) => cell.status === 'completed'), {
        timeout: 30_000,
      })
      .toBe(true);
    expect((await sharedCells(token)).length).toBe(4);
  });

  it('grants nothing else: no other experiment’s runs, no run outside it, no action, no owner endpoint', async () => {
    const experiment = await createExperiment(compareBody('hello'));
    const other = await createExperiment(compareBody('hello again'));
    const token = tokenOf(await createShare(experiment.id));
    await expect
      .poll(async () => channelsOf(await ownerCells(other.id)).every(Boolean), { timeout: 20_000 })
      .toBe(true);
    await expect
      .poll(async () => channelsOf(await sharedCells(token)).every(Boolean), { timeout: 20_000 })
      .toBe(true);
    const [ownChannel] = channelsOf(await sharedCells(token));
    const [otherChannel] = channelsOf(await ownerCells(other.id));
    // The owner's run outside any experiment, and one named like a cell of this experiment that the
    // cell does not show (a later attempt): neither opens.
    const outside = await dispatch(server.url, { messages: [{ type: 'user', text: 'hi' }] }, alpha);
    const lookalike = await dispatch(
      server.url,
      { messages: [{ type: 'user', text: 'hi' }], channelId: `${experiment.id}-0-0-7` },
      alpha,
    );
    for (const channelId of [otherChannel, outside, lookalike, 'no-such-run']) {
      expect((await viaShare(token, `/runs/${channelId}`)).status, channelId).toBe(404);
      const stream = await postJson(`${server.url}/api/share/${token}/runs/${channelId}/subscribe`, {});
      expect(stream.status, channelId).toBe(404);
    }
    expect((await viaShare(token, `/runs/${ownChannel}`)).status).toBe(200);

    // No actions under the link, and a run link's routes are not an experiment link's.
    for (const [method, rest] of [
      ['POST', '/cancel'],
      ['POST', '/retry'],
      ['GET', '/export?format=csv'],
      ['PATCH', ''],
      ['POST', '/subscribe'],
      ['POST', '/answer'],
    ] as const) {
      const response = await fetch(`${server.url}/api/share/${token}${rest}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify({ channel: 'x', message: 'no' }),
      });
      expect([404, 405], `${method} ${rest}`).toContain(response.status);
    }
    // The token is no secret for the owner's endpoints.
    const asBearer = { authorization: `Bearer ${token}` };
    for (const [method, path] of [
      ['GET', '/api/experiments'],
      ['GET', `/api/experiments/${experiment.id}`],
      ['GET', `/api/experiments/${experiment.id}/cells`],
      ['GET', `/api/experiments/${experiment.id}/export?format=jsonl`],
      ['PATCH', `/api/experiments/${experiment.id}`],
      ['POST', `/api/experiments/${experiment.id}/cancel`],
      ['POST', `/api/experiments/${experiment.id}/retry`],
      ['POST', `/api/experiments/${experiment.id}/shares`],
      ['GET', `/api/runs/${ownChannel}`],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { ...asBearer, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    // A link to a run opens none of an experiment link's routes.
    const runShare = (await (
      await postJson(`${server.url}/api/runs/${outside}/shares`, {}, alpha)
    ).json()) as {
      share: ShareView;
    };
    for (const rest of ['/cells?after=0', '/inputs', `/runs/${outside}`]) {
      expect((await viaShare(tokenOf(runShare.share), rest)).status, rest).toBe(404);
    }
    // Viewers of an experiment cannot be allowed to answer.
    const answering = await postJson(sharesUrl(experiment.id), { allowAnswer: true }, alpha);
    expect(answering.status).toBe(400);
    expect((await answering.json()).issues[0].path).toBe('allowAnswer');
  });

  it('answers 410 once the owner revoked it or it expired; only the owner lists, creates or revokes', async () => {
    const experiment = await createExperiment(compareBody('hello'));
    const kept = await createShare(experiment.id);
    const revoked = await createShare(experiment.id, { expiresInSeconds: 3600 });
    const list = async (headers = alpha) => fetch(sharesUrl(experiment.id), { headers });
    expect(((await (await list()).json()).shares as ShareView[]).map((view) => view.id)).toEqual([
      revoked.id,
      kept.id,
    ]);
    expect((await list(beta)).status).toBe(404);
    expect((await postJson(sharesUrl(experiment.id), {}, beta)).status).toBe(404);
    const revoke = (id: string, headers = alpha, base = sharesUrl(experiment.id)) =>
      fetch(`${base}/${id}`, { method: 'DELETE', headers });
    expect((await revoke(revoked.id, beta)).status).toBe(404);
    // One revoke path per target: the experiment's share is not revoked as a run's.
    expect((await revoke(revoked.id, alpha, `${server.url}/api/runs/${experiment.id}/shares`)).status).toBe(
      404,
    );
    await expect.poll(async () => channelsOf(await sharedCells(tokenOf(revoked))).every(Boolean)).toBe(true);
    const [channelId] = channelsOf(await sharedCells(tokenOf(revoked)));

    expect((await revoke(revoked.id)).status).toBe(200);
    const response = await viaShare(tokenOf(revoked));
    expect(response.status).toBe(410);
    expect((await response.json()).message).toMatch(/revoked/);
    for (const rest of ['/cells?after=0', '/inputs', `/runs/${channelId}`])
      expect((await viaShare(tokenOf(revoked), rest)).status, rest).toBe(410);
    expect(
      (await postJson(`${server.url}/api/share/${tokenOf(revoked)}/runs/${channelId}/subscribe`, {})).status,
    ).toBe(410);
    expect((await viaShare(tokenOf(kept))).status).toBe(200);
    expect(((await (await list()).json()).shares as ShareView[]).map((view) => view.id)).toEqual([kept.id]);

    const brief = await createShare(experiment.id, { expiresInSeconds: 1 });
    expect((await viaShare(tokenOf(brief))).status).toBe(200);
    // Expiry is the behaviour under test: wait until the link's own expiry time has passed.
    await expect.poll(() => Date.now(), { timeout: 5_000, interval: 100 }).toBeGreaterThan(brief.expiresAt);
    const expired = await viaShare(tokenOf(brief), '/cells?after=0');
    expect(expired.status).toBe(410);
    expect((await expired.json()).message).toMatch(/expired/);
  });
});
