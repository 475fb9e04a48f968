// `npm run dev` (next dev) keeps working: the wire API goes through Next's route files there, which call
// the same handlers as the lean layer of `npm start`. A dispatch streams to its end on a dev server.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, subscribe } from '../support/api-client';
import { startServer, type RunningServer } from '../support/next-server';

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('npm run dev', () => {
  it('answers a dispatch and streams its run to the end through Next’s route files', async () => {
    server = await startServer({ launcher: 'next dev' });
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 20' }] });
    const { status, lines } = await subscribe(server.url, channelId);
    expect(status).toBe(200);
    expect(eventTypes(lines).at(-1)).toBe('completeEnd');
    expect(eventTypes(lines).filter((type) => type === 'token')).toHaveLength(20);
    expect(server.output()).toMatch(/layer.{1,6}next/);
  }, 300_000);
});
