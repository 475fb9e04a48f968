// A run that was running when the server process died is failed on restart, with its earlier events intact.
import { SqliteRunStore } from '@/lib/backends/embedded/sqlite-store';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, subscribe } from '../support/api-client';
import { startServer, tempDataDir, type RunningServer } from '../support/next-server';
import { readEvents } from '../support/stored-events';

const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('restart after a crash', () => {
  it('marks the interrupted run failed with error and completeEnd appended after the events stored before the kill', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({ dataDir, env: { LOCAL_TOKEN_DELAY_MS: '20' } });
    servers.push(first);
    const channelId = await dispatch(first.url, { messages: [{ type: 'user', text: 'repeat 2000' }] });
    const beforeCrash = await subscribe(first.url, channelId, {}, { onLine: (line) => Number(line.id) < 40 });
    await first.kill();

    const stored = new SqliteRunStore(path.join(dataDir, 'dispatch.sqlite'), { readonly: true });
    const storedBeforeRestart = await readEvents(stored, channelId, 0, 1_000_000);
    await stored.close();
    expect(storedBeforeRestart.length).toBeGreaterThanOrEqual(40);

    const second = await startServer({ dataDir });
    servers.push(second);
    const run = await (await fetch(`${second.url}/api/runs/${channelId}`)).json();
    expect(run.run.status).toBe('failed');

    const replay = await subscribe(second.url, channelId);
    expect(replay.raw.slice(0, beforeCrash.raw.length)).toEqual(beforeCrash.raw);
    expect(replay.lines).toHaveLength(storedBeforeRestart.length + 2);
    expect(eventTypes(replay.lines).slice(-2)).toEqual(['error', 'completeEnd']);
    expect(replay.lines.map((line) => Number(line.id))).toEqual(
      replay.lines.map((_line, index) => index + 1),
    );
    expect(eventTypes(replay.lines)).not.toContain('result');
  });

  it('runs a run that was still queued when the server died once the server is back', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({
      dataDir,
      env: { LOCAL_TOKEN_DELAY_MS: '20', MAX_CONCURRENT_RUNS: '1' },
    });
    servers.push(first);
    await dispatch(first.url, { messages: [{ type: 'user', text: 'repeat 2000' }] });
    const queued = await dispatch(first.url, { messages: [{ type: 'user', text: 'repeat 3' }] });
    await first.kill();

    const second = await startServer({ dataDir });
    servers.push(second);
    const replay = await subscribe(second.url, queued);
    expect(eventTypes(replay.lines)[0]).toBe('completeBegin');
    expect(eventTypes(replay.lines).slice(-2)).toEqual(['result', 'completeEnd']);
  });
});
