// The disk cannot be filled by one client: a run's stored events are capped (MAX_RUN_EVENT_BYTES), the
// run then ends with an error event that names the limit, on both backends; and dispatch answers 507
// with a clear message while the disk under DATA_DIR has less free space than MIN_FREE_DISK_MB.
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, postJson, subscribe } from '../support/api-client';
import { BACKENDS, startBackend } from '../support/backends';
import { startServer, type RunningServer } from '../support/next-server';

const CAP = 200_000;

describe.each(BACKENDS)('MAX_RUN_EVENT_BYTES on %s', (backendName) => {
  it('ends a run that reaches the cap with a clear error, keeping what came before and storing no more', async () => {
    const backend = await startBackend(backendName, { MAX_RUN_EVENT_BYTES: String(CAP) });
    try {
      const channelId = await dispatch(backend.url, { messages: [{ type: 'user', text: 'repeat 1000000' }] });
      const stream = await subscribe(backend.url, channelId);
      expect(eventTypes(stream.lines).slice(-2)).toEqual(['error', 'completeEnd']);
      const error = stream.lines.at(-2)?.data.data as { message: string };
      expect(error.message).toContain('MAX_RUN_EVENT_BYTES');
      expect(error.message).toContain('limit');
      const storedBytes = stream.lines.reduce(
        (sum, line) => sum + Buffer.byteLength(JSON.stringify(line.data)),
        0,
      );
      expect(storedBytes).toBeLessThanOrEqual(CAP + 1_000); // the cap, plus the closing error and completeEnd
      expect(stream.lines.length).toBeGreaterThan(1_000); // it ran until the cap, not less
      const run = (await (await fetch(`${backend.url}/api/runs/${channelId}`)).json()) as {
        run: { status: string; error: string };
      };
      expect(run.run).toMatchObject({ status: 'failed', error: error.message });
      expect(await backend.storedLastSeq(channelId)).toBe(stream.lines.length);
    } finally {
      await backend.stop();
    }
  }, 120_000);
});

describe('MIN_FREE_DISK_MB (embedded)', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('answers 507 with what to do when free space under DATA_DIR is below it, and stores nothing', async () => {
    // More free space than any disk has: the check must refuse.
    server = await startServer({ env: { MIN_FREE_DISK_MB: String(1_000_000_000) } });
    const response = await postJson(`${server.url}/api/v1/conversation/dispatch`, {
      messages: [{ type: 'user', text: 'hello' }],
    });
    expect(response.status).toBe(507);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('INSUFFICIENT_STORAGE');
    expect(body.message).toMatch(/low on disk space .* MIN_FREE_DISK_MB/);
    const runs = (await (await fetch(`${server.url}/api/runs`)).json()) as { items: unknown[] };
    expect(runs.items).toEqual([]);
  });

  it('takes runs when there is enough free space (the default)', async () => {
    const other = await startServer();
    try {
      const channelId = await dispatch(other.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
      expect(eventTypes((await subscribe(other.url, channelId)).lines).at(-1)).toBe('completeEnd');
    } finally {
      await other.stop();
    }
  });
});
