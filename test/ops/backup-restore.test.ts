// Backup while a 10,000-token run writes, restore into a fresh DATA_DIR, start a server on it: the run's
// stored events replay intact. Restore refuses while a server uses the DATA_DIR.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, eventTypes, subscribe } from '../support/api-client';
import { spawnApp, waitFor } from '../support/app-process';
import { startServer, tempDataDir, type RunningServer } from '../support/next-server';

const TOKENS = 10_000;
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.kill();
});

/** Runs `npm run <script> -- <file>` against DATA_DIR and returns its exit code and output. */
async function npmRun(script: 'backup' | 'restore', file: string, dataDir: string) {
  const command = spawnApp('npm', ['run', '--silent', script, '--', file], { DATA_DIR: dataDir });
  const code = await command.exited;
  return { code, output: command.output(), lines: command.logLines() };
}

const runStatus = async (url: string, channelId: string) =>
  ((await (await fetch(`${url}/api/runs/${channelId}`)).json()) as { run: { status: string } }).run.status;

describe('backup and restore of the embedded store', () => {
  it('backs up during a 10,000-token run; the restored copy replays the stored events intact', async () => {
    const original = await startServer({ env: { LOCAL_TOKEN_DELAY_MS: '1' } });
    servers.push(original);
    const channelId = await dispatch(original.url, {
      messages: [{ type: 'user', text: `repeat ${TOKENS}` }],
    });
    await waitFor('1,000 events stored', async () => {
      const { lines } = await subscribe(original.url, channelId, { after: 999 }, { onLine: () => false });
      return lines.length > 0;
    });

    const backupFile = path.join(tempDataDir('ds-backup-'), 'nested', 'dispatch-backup.sqlite');
    const backup = await npmRun('backup', backupFile, original.dataDir);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.lines.at(-1)).toMatchObject({ level: 'info', role: 'script', file: backupFile, runs: 1 });
    // Still running after the backup finished: the copy was taken mid-run.
    expect(await runStatus(original.url, channelId)).toBe('running');

    const refused = await npmRun('restore', backupFile, original.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`is using DATA_DIR ${original.dataDir}`);

    const full = await subscribe(original.url, channelId);
    expect(eventTypes(full.lines).at(-1)).toBe('completeEnd');
    expect(eventTypes(full.lines).filter((type) => type === 'token')).toHaveLength(TOKENS);

    const freshDir = path.join(tempDataDir('ds-restored-'), 'data');
    const restore = await npmRun('restore', backupFile, freshDir);
    expect(restore.code, restore.output).toBe(0);
    const restored = await startServer({ dataDir: freshDir });
    servers.push(restored);
    const replay = await subscribe(restored.url, channelId);
    // The events stored when the backup was taken, byte for byte, then the interrupted run's ending.
    const stored = replay.raw.slice(0, -2);
    expect(stored.length).toBeGreaterThanOrEqual(1000);
    expect(stored.length).toBeLessThan(full.raw.length - 2);
    expect(stored).toEqual(full.raw.slice(0, stored.length));
    expect(eventTypes(replay.lines).slice(-2)).toEqual(['error', 'completeEnd']);
    expect(replay.lines.map((line) => Number(line.id))).toEqual(replay.lines.map((_, index) => index + 1));
  });

  it('restores over the DATA_DIR of a server that died (stale lock), keeping the replaced database aside', async () => {
    const server = await startServer();
    servers.push(server);
    const channelId = await dispatch(server.url, { messages: [{ type: 'user', text: 'repeat 5' }] });
    await waitFor(
      'the run to complete',
      async () => (await runStatus(server.url, channelId)) === 'completed',
    );
    const backupFile = path.join(tempDataDir('ds-backup-'), 'copy.sqlite');
    expect((await npmRun('backup', backupFile, server.dataDir)).code).toBe(0);
    await server.kill();

    const restore = await npmRun('restore', backupFile, server.dataDir);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.lines.at(-1)).toMatchObject({
      runs: 1,
      previous: expect.stringContaining('before-restore'),
    });
  });

  it('refuses a file that is not a database, naming it', async () => {
    const result = await npmRun(
      'restore',
      path.join(import.meta.dirname, 'backup-restore.test.ts'),
      tempDataDir(),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain('is not a Dispatch Studio database');
  });
});
