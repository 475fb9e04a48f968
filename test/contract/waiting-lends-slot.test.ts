// A run waiting for an answer on a channel lends its execution slot (embedded backend): queued runs go
// on meanwhile, and the waiting run takes the next free slot back once its answer comes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, postJson, subscribe, eventTypes } from '../support/api-client';
import { startBackend, type RunningBackend } from '../support/backends';

describe('a waiting run on the embedded backend', () => {
  let server: RunningBackend;

  beforeAll(async () => {
    server = await startBackend('embedded', {
      LOCAL_TOKEN_DELAY_MS: '5',
      MAX_CONCURRENT_RUNS: '1',
      CHANNEL_WAIT_TIMEOUT_MS: '60000',
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const statusOf = async (channelId: string) =>
    ((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()) as { run: { status: string } }).run.status;
  const POLL = { timeout: 20_000, interval: 50 };

  const awaitingAnswer = (channel: string) => ({
    messages: [{ type: 'user', text: 'Please lookupOrder for order 42' }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order by its number',
        parameters: { type: 'object', properties: { order: { type: 'integer' } } },
        result: { channel },
      },
    ],
  });

  it('lets queued runs complete while it waits, then completes with its answer', async () => {
    const channel = `lend-${Date.now()}`;
    const waiting = await dispatch(server.url, awaitingAnswer(channel));
    await expect.poll(() => statusOf(waiting), POLL).toBe('waiting');

    // With one slot, these could not start before the waiting run ended were its slot not lent.
    const queued = [
      await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 5' }] }),
      await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 5' }] }),
    ];
    for (const channelId of queued) await expect.poll(() => statusOf(channelId), POLL).toBe('completed');
    expect(await statusOf(waiting)).toBe('waiting');

    await postJson(`${server.url}/api/v1/channel/${channel}/publish`, { message: { status: 'shipped' } });
    const stream = await subscribe(server.url, waiting);
    expect(eventTypes(stream.lines).slice(-2)).toEqual(['result', 'completeEnd']);
    expect(await statusOf(waiting)).toBe('completed');
  });
});
