// Faults: a SIGKILL mid-run leaves the SQLite file intact and the run failed with its events kept; a
// subscriber that disconnects never stops the run; a subscriber that reads slowly does not make the
// server buffer the run's output (its memory stays bounded while the run is stored to the end).
// Redis restarts during a run are covered with the Redis backend's tests.
import Database from 'better-sqlite3';
import { SqliteRunStore } from '@/lib/backends/embedded/sqlite-store';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, subscribe } from '../support/api-client';
import { startServer, tempDataDir, type RunningServer } from '../support/next-server';
import { readEvents } from '../support/stored-events';

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

async function start(options: Parameters<typeof startServer>[0]): Promise<RunningServer> {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

async function runStatus(server: RunningServer, channelId: string): Promise<string> {
  return ((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()) as { run: { status: string } })
    .run.status;
}

async function waitUntilEnded(
  server: RunningServer,
  channelId: string,
  timeoutMs = 120_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await runStatus(server, channelId);
    if (['completed', 'failed', 'cancelled'].includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`run ${channelId} still ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Resident memory of the server process in bytes (Linux /proc). */
const residentBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

describe('killed mid-run (SIGKILL)', () => {
  it('leaves the SQLite file intact; on restart the run is failed with every earlier event kept', async () => {
    const dataDir = tempDataDir();
    const first = await start({ dataDir, env: { LOCAL_TOKEN_DELAY_MS: '0' } });
    const channelId = await dispatch(first.url, { messages: [{ type: 'user', text: 'repeat 3000000' }] });
    // Kill while events are being written as fast as the engine makes them.
    await subscribe(first.url, channelId, {}, { onLine: (line) => Number(line.id) < 20_000 });
    await first.kill();

    const file = path.join(dataDir, 'dispatch.sqlite');
    const db = new Database(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const stored = new SqliteRunStore(file, { readonly: true });
    const before = await readEvents(stored, channelId, 0, 10_000_000);
    await stored.close();
    expect(before.length).toBeGreaterThanOrEqual(20_000);
    expect(before.map((row) => row.seq)).toEqual(before.map((_row, index) => index + 1));

    const second = await start({ dataDir });
    expect(await runStatus(second, channelId)).toBe('failed');
    const replay = await subscribe(second.url, channelId);
    expect(replay.lines).toHaveLength(before.length + 2);
    expect(eventTypes(replay.lines).slice(-2)).toEqual(['error', 'completeEnd']);
    expect(replay.lines.map((line) => Number(line.id))).toEqual(
      replay.lines.map((_line, index) => index + 1),
    );
  }, 180_000);
});

describe('subscribers', () => {
  it('a subscriber that disconnects does not stop the run', async () => {
    const server = await start({ env: { LOCAL_TOKEN_DELAY_MS: '5' } });
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 400' }] });
    const dropped = await subscribe(server.url, channelId, {}, { onLine: (line) => Number(line.id) < 10 });
    expect(dropped.lines).toHaveLength(10);
    expect(await runStatus(server, channelId)).toBe('running');

    expect(await waitUntilEnded(server, channelId)).toBe('completed');
    const replay = await subscribe(server.url, channelId);
    expect(eventTypes(replay.lines).filter((type) => type === 'token')).toHaveLength(400);
    expect(eventTypes(replay.lines).slice(-2)).toEqual(['result', 'completeEnd']);
  });

  it('a subscriber reading one line per second neither stalls a fast run nor makes the server buffer it', async () => {
    const tokens = 1_000_000;
    const dataDir = tempDataDir();
    // A million tokens store ~90 MB of events (the final message and result repeat the 12 MB reply):
    // above the default per-run cap, MAX_RUN_EVENT_BYTES, which this test is not about.
    const first = await start({
      dataDir,
      env: { LOCAL_TOKEN_DELAY_MS: '0', MAX_RUN_EVENT_BYTES: String(256 * 2 ** 20) },
    });
    const channelId = await dispatch(first.url, { messages: [{ type: 'user', text: `repeat ${tokens}` }] });
    const live = slowReader(`${first.url}/api/v1/channel/${channelId}/subscribe`);
    try {
      // The run is stored to its end while its only reader has taken a few lines.
      expect(await waitUntilEnded(first, channelId)).toBe('completed');
      expect(live.linesRead()).toBeLessThan(60);
    } finally {
      live.close();
    }
    await first.stop();

    // On a fresh server (so the run's own memory is not in the figures), a slow reader replays the
    // million stored events: ~65 MB of output that a buffering server would hold in memory.
    const second = await start({ dataDir });
    const pid = second.process.pid as number;
    await subscribe(second.url, channelId, { historyLength: 10 });
    const baseline = residentBytes(pid);
    let peak = baseline;
    const reader = slowReader(`${second.url}/api/v1/channel/${channelId}/subscribe`);
    const sample = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 100);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    clearInterval(sample);
    const linesRead = reader.linesRead();
    reader.close();

    const unreadBytes = (tokens - linesRead) * 65;
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    console.log(
      `[slow reader] read ${linesRead} lines of ${tokens + 5} (≈ ${mib(unreadBytes)} unread); server RSS ` +
        `${mib(baseline)} before, peak ${mib(peak)} (growth ${mib(peak - baseline)})`,
    );
    expect(linesRead).toBeGreaterThan(3);
    expect(peak - baseline).toBeLessThan(unreadBytes / 4);
  }, 300_000);
});

/** Reads a subscribe stream one line per second over its own connection, leaving the rest unread in the socket. */
function slowReader(url: string): { linesRead: () => number; close: () => void } {
  let lines = 0;
  let response: http.IncomingMessage | undefined;
  const request = http.request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json' },
  });
  request.on('response', (incoming) => {
    response = incoming;
    incoming.pause();
  });
  request.on('error', () => undefined);
  request.end('{}');
  const timer = setInterval(() => {
    if (!response) return;
    for (let byte = response.read(1) as Buffer | null; byte; byte = response.read(1) as Buffer | null) {
      if (byte[0] === 0x0a) {
        lines += 1;
        return;
      }
    }
  }, 1_000);
  return {
    linesRead: () => lines,
    close: () => {
      clearInterval(timer);
      request.destroy();
    },
  };
}
