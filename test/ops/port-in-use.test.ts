// `npm start` on a port something else holds (an old process still draining, a second copy) stops at once
// with exit code 1 and one sentence naming the port and what to change, instead of staying up without
// a server until it is killed.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { exitCodeWithin, startWithNpmStart, type AppProcess } from '../support/app-process';
import { assertBuilt, freePort, tempDataDir } from '../support/next-server';

const started: AppProcess[] = [];
const holders: net.Server[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((app) => app.signal('SIGKILL')));
  for (const holder of holders.splice(0)) holder.close();
});

it('stops with exit code 1 and says which port is taken when the port is in use', async () => {
  assertBuilt();
  const port = await freePort();
  const holder = net.createServer();
  holders.push(holder);
  await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
  const app = startWithNpmStart(port, { DATA_DIR: tempDataDir(), API_SECRET: '', HOST: '' });
  started.push(app);
  const code = await exitCodeWithin(app, 30_000);
  expect(code).toBe(1);
  const fatal = app.logLines().find((line) => line.level === 'fatal');
  expect(fatal?.msg).toBe(
    `Port ${port} on 127.0.0.1 is already in use: stop what is using it, or set PORT to another port`,
  );
  expect(app.output()).not.toMatch(/EADDRINUSE|at Server\./);
}, 60_000);
