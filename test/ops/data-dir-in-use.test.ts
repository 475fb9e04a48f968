// A second server on a DATA_DIR another live server uses (a restart begun while the old one still finishes
// its runs, or a second copy) stops at once with exit code 1 and a sentence naming the folder and the
// server, before it opens the store: its recovery would otherwise fail the other server's live runs as
// "interrupted by a server restart".
import { afterAll, expect, it } from 'vitest';
import { dispatch } from '../support/api-client';
import { exitCodeWithin, startWithNpmStart, type AppProcess } from '../support/app-process';
import { freePort, startServer, type RunningServer } from '../support/next-server';
import { waitingRun, waitUntil } from '../support/waiting-run';

let first: RunningServer | undefined;
let second: AppProcess | undefined;

afterAll(async () => {
  await second?.signal('SIGKILL');
  await first?.stop();
});

const statusOf = async (server: RunningServer, channelId: string) =>
  ((await (await fetch(`${server.url}/api/runs/${channelId}`)).json()) as { run: { status: string } }).run.status;

it('refuses to start on a DATA_DIR a live server uses, and leaves that server’s runs alone', async () => {
  first = await startServer({ env: { API_SECRET: '' } });
  const channelId = await dispatch(first.url, waitingRun(`in-use-${Date.now()}`));
  await waitUntil(() => statusOf(first!, channelId), (status) => status === 'waiting');

  second = startWithNpmStart(await freePort(), { DATA_DIR: first.dataDir, API_SECRET: '', HOST: '' });
  const code = await exitCodeWithin(second, 30_000);
  expect(code).toBe(1);
  const fatal = second.logLines().find((line) => line.level === 'fatal');
  expect(fatal?.msg).toMatch(
    new RegExp(`^DATA_DIR .+ is in use by a server \\(pid ${first.process.pid}, started .+\\): stop it first`),
  );
  // The first server's run still waits for its answer: nothing failed it as interrupted.
  expect(await statusOf(first, channelId)).toBe('waiting');
}, 90_000);
