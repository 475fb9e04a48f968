// The runs API's figures for runs still going and for cancelled runs, on both backends: tokens so far
// are stored as events are appended, and a cancelled run keeps exactly the tokens it streamed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { waitFor } from '../support/webhook-receiver';

interface RunView {
  status: string;
  outputTokens: number;
}

describe.each(BACKENDS)('live figures on the %s backend', (backendName) => {
  let server: RunningBackend;
  beforeAll(async () => {
    server = await startBackend(backendName, { LOCAL_TOKEN_DELAY_MS: '2' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const getRun = async (channelId: string) =>
    ((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()) as { run: RunView }).run;
  const listed = async (channelId: string) =>
    (
      (await (await fetch(`${server.url}/api/runs?search=${channelId}`)).json()) as {
        items: (RunView & { channelId: string })[];
      }
    ).items.find((run) => run.channelId === channelId);

  it('shows tokens so far while a run streams, and a cancelled run keeps exactly the tokens it streamed', async () => {
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 100000' }] });
    const early = await waitFor('tokens so far on a running run', async () => {
      const run = await listed(channelId);
      return run && run.status === 'running' && run.outputTokens > 0 ? run : undefined;
    });
    await waitFor('more tokens later', async () =>
      (await getRun(channelId)).outputTokens > early.outputTokens ? true : undefined,
    );
    expect((await postJson(`${server.url}/api/runs/${channelId}/cancel`, {})).status).toBe(200);
    const { lines } = await subscribe(server.url, channelId);
    const streamed = lines.filter((line) => line.data.type === 'token').length;
    const ended = await waitFor('the cancelled run', async () => {
      const run = await getRun(channelId);
      return run.status === 'cancelled' ? run : undefined;
    });
    expect(streamed).toBeGreaterThan(early.outputTokens);
    expect(ended.outputTokens).toBe(streamed);
  });
});
