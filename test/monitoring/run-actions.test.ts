// POST /api/runs/actions, on both backends: many runs cancelled or retried in one request, each refusal
// reported with its run (the rest still acted on; a run not yet ended is not retried), another tenant's
// runs untouched, and a bad request refused whole with the field's path before anything is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe, twoTenants } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { waitFor } from '../support/webhook-receiver';

interface RunView {
  status: string;
  retriedAs?: string;
}

interface ActionsAnswer {
  action: string;
  done: { channelId: string; retriedAs?: string }[];
  failures: { channelId: string; code: string; message: string }[];
}

const tenants = twoTenants('run-actions');
const LONG = { messages: [{ type: 'user', text: 'repeat 100000' }] };
const SHORT = { messages: [{ type: 'user', text: 'hello' }] };

describe.each(BACKENDS)('run actions on the %s backend', (backendName) => {
  let server: RunningBackend;
  beforeAll(async () => {
    server = await startBackend(backendName, { LOCAL_TOKEN_DELAY_MS: '2', API_SECRET: tenants.apiSecret });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const act = (body: unknown, headers: Record<string, string> = tenants.alpha) => postJson(`${server.url}/api/runs/actions`, body, headers);
  const getRun = async (channelId: string, headers: Record<string, string> = tenants.alpha) => {
    const response = await fetch(`${server.url}/api/runs/${channelId}`, { headers });
    return response.status === 200 ? ((await response.json()) as { run: RunView }).run : undefined;
  };
  const completedRun = async () => {
    const channelId = await dispatch(server.url, SHORT, tenants.alpha);
    await subscribe(server.url, channelId, {}, { headers: tenants.alpha });
    await waitFor('the run to be stored as completed', async () =>
      (await getRun(channelId))?.status === 'completed' ? true : undefined,
    );
    return channelId;
  };

  it('cancels every running run named in one request and tells why an ended one was not', async () => {
    const running = await Promise.all([1, 2, 3].map(() => dispatch(server.url, LONG, tenants.alpha)));
    const ended = await completedRun();
    const answer = await act({ action: 'cancel', channelIds: [...running, ended] });
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as ActionsAnswer;
    expect(result.action).toBe('cancel');
    expect(result.done.map((run) => run.channelId)).toEqual(running);
    expect(result.failures).toEqual([{ channelId: ended, code: 'CONFLICT', message: 'Run already completed' }]);
    for (const channelId of running)
      await waitFor(`${channelId} cancelled`, async () =>
        (await getRun(channelId))?.status === 'cancelled' ? true : undefined,
      );
    expect((await getRun(ended))?.status).toBe('completed');
  });

  it('retries runs in one request, each linked to its retry, and leaves another tenant’s run alone', async () => {
    const mine = [await completedRun(), await completedRun()];
    const theirs = await dispatch(server.url, SHORT, tenants.beta);
    const answer = await act({ action: 'retry', channelIds: [mine[0], theirs, mine[1], 'no-such-run'] });
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as ActionsAnswer;
    expect(result.done.map((run) => run.channelId)).toEqual(mine);
    expect(result.failures.map(({ channelId, code }) => ({ channelId, code }))).toEqual([
      { channelId: theirs, code: 'NOT_FOUND' },
      { channelId: 'no-such-run', code: 'NOT_FOUND' },
    ]);
    for (const { channelId, retriedAs } of result.done) {
      expect(retriedAs).toBeTruthy();
      expect((await getRun(channelId))?.retriedAs).toBe(retriedAs);
      await waitFor(`the retry of ${channelId} to complete`, async () =>
        (await getRun(retriedAs as string))?.status === 'completed' ? true : undefined,
      );
    }
    expect(await getRun(theirs, tenants.beta)).toMatchObject({ status: expect.any(String) });
    expect((await getRun(theirs, tenants.beta))?.retriedAs).toBeUndefined();
  });

  it('refuses to retry a run that has not ended, alone with 409 and in a batch by name, and starts no copy', async () => {
    const running = await dispatch(server.url, LONG, tenants.alpha);
    await waitFor('the run to be running', async () => ((await getRun(running))?.status === 'running' ? true : undefined));
    const ended = await completedRun();
    const alone = await postJson(`${server.url}/api/runs/${running}/retry`, {}, tenants.alpha);
    expect(alone.status).toBe(409);
    expect(await alone.json()).toEqual({
      code: 'CONFLICT',
      message: 'Run is still running: cancel it or wait for its end before retrying',
    });
    const answer = await act({ action: 'retry', channelIds: [running, ended] });
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as ActionsAnswer;
    expect(result.done.map((run) => run.channelId)).toEqual([ended]);
    expect(result.failures).toEqual([
      {
        channelId: running,
        code: 'CONFLICT',
        message: 'Run is still running: cancel it or wait for its end before retrying',
      },
    ]);
    // No second copy: the running run names no retry, and stays the one running.
    expect((await getRun(running))?.retriedAs).toBeUndefined();
    expect((await getRun(running))?.status).toBe('running');
    expect((await act({ action: 'cancel', channelIds: [running] })).status).toBe(200);
    // Once ended, it may be retried.
    await waitFor('the run to be cancelled', async () => ((await getRun(running))?.status === 'cancelled' ? true : undefined));
    const retried = await postJson(`${server.url}/api/runs/${running}/retry`, {}, tenants.alpha);
    expect(retried.status).toBe(200);
    const { channelId: copy } = (await retried.json()) as { channelId: string };
    expect((await act({ action: 'cancel', channelIds: [copy] })).status).toBe(200);
  });

  it('refuses a bad request whole, with the field’s path, and acts on none of its runs', async () => {
    const running = await dispatch(server.url, LONG, tenants.alpha);
    const tooMany = Array.from({ length: 1001 }, (_, index) => `run-${index}`);
    const cases: [unknown, string][] = [
      [{ action: 'delete', channelIds: [running] }, 'action'],
      [{ action: 'cancel', channelIds: [] }, 'channelIds'],
      [{ action: 'cancel', channelIds: [running, running] }, 'channelIds'],
      [{ action: 'cancel', channelIds: [running, ...tooMany.slice(1)] }, 'channelIds'],
      [{ action: 'cancel', channelIds: [running], everything: true }, 'everything'],
    ];
    for (const [body, path] of cases) {
      const answer = await act(body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const refusal = (await answer.json()) as { message: string; issues: { path: string }[] };
      expect(refusal.issues.map((issue) => issue.path)).toContain(path);
    }
    expect((await act({ action: 'cancel', channelIds: [running] }, {})).status).toBe(401);
    expect((await getRun(running))?.status).toBe('running');
    expect((await act({ action: 'cancel', channelIds: [running] })).status).toBe(200);
  });
});
