// The deploy files are working examples: the systemd unit's command and environment start the app, it
// turns ready, and the unit's stop signal drains it to exit 0. The Procfile and the PM2 file run the
// same commands as the package scripts.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, readyStatus, spawnApp, waitUntilReady, type AppProcess } from '../support/app-process';
import { freePort, tempDataDir } from '../support/next-server';

const deployFile = (name: string) => fs.readFileSync(path.join(ROOT, 'deploy', name), 'utf8');
/** systemd's PATH for services (what `/usr/bin/env node` searches), plus where this test's node lives. */
const SYSTEMD_PATH = `${path.dirname(process.execPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;

interface Unit {
  directives: Record<string, string[]>;
  environment: Record<string, string>;
}

function parseUnit(text: string): Unit {
  const directives: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) (directives[match[1]] ??= []).push(match[2]);
  }
  const environment: Record<string, string> = {};
  for (const value of directives.Environment ?? []) {
    for (const pair of value.split(/\s+/)) {
      const [key, ...rest] = pair.split('=');
      environment[key] = rest.join('=');
    }
  }
  return { directives, environment };
}

function parseEnvFile(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2]]);
  return Object.fromEntries(entries);
}

let app: AppProcess | undefined;
afterAll(async () => {
  await app?.signal('SIGKILL');
});

describe('deploying with systemd', () => {
  it('starts with the unit’s command and environment, turns ready, and stops on the unit’s signal with exit 0', async () => {
    const unit = parseUnit(deployFile('dispatch-studio.service'));
    const [command, ...args] = unit.directives.ExecStart[0].split(/\s+/);
    expect(unit.directives.WorkingDirectory[0]).toMatch(/^\//);
    expect(unit.directives.EnvironmentFile[0]).toBe('-/etc/dispatch-studio.env');
    expect(unit.environment).toMatchObject({ NODE_ENV: 'production', SHUTDOWN_GRACE_MS: '30000' });
    expect(Number(unit.directives.TimeoutStopSec[0]) * 1000).toBeGreaterThan(
      Number(unit.environment.SHUTDOWN_GRACE_MS),
    );

    // The same environment systemd would give: the unit's Environment=, then the example env file; only
    // what belongs to this machine (port, data directory, listening address) is replaced.
    const port = await freePort();
    const env = {
      ...unit.environment,
      ...parseEnvFile(deployFile('dispatch-studio.env.example')),
      PORT: String(port),
      DATA_DIR: path.join(tempDataDir('ds-systemd-'), 'state'),
      HOST: '127.0.0.1',
    };
    app = spawnApp(command, args, { ...minimalEnvironment(), ...env });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, app);
    expect(await readyStatus(url)).toMatchObject({ status: 200, body: { status: 'ready' } });
    const unauthenticated = await fetch(`${url}/api/runs`);
    expect(unauthenticated.status).toBe(401);

    expect(unit.directives.KillSignal[0]).toBe('SIGTERM');
    expect(await app.signal('SIGTERM')).toBe(0);
    expect(app.logLines().at(-1)).toMatchObject({ msg: 'shut down' });
  });
});

/** systemd starts services with an empty environment apart from PATH: clear what this test process has. */
function minimalEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries([
    ...Object.keys(process.env).map((key) => [key, undefined]),
    ['PATH', SYSTEMD_PATH],
  ]);
}

describe('Procfile and PM2', () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;

  it('run the package’s start and worker commands', () => {
    const procfile = Object.fromEntries(
      deployFile('Procfile')
        .trim()
        .split('\n')
        .map((line) => line.split(/:\s+/)),
    );
    expect(procfile.web).toBe('node scripts/start.mjs');
    expect(scripts.start).toBe(procfile.web);
    expect(scripts.worker).toBe(procfile.worker);

    const { apps } = createRequire(import.meta.url)(path.join(ROOT, 'deploy/ecosystem.config.cjs')) as {
      apps: { name: string; script: string; node_args?: string; cwd: string; kill_timeout: number }[];
    };
    const [web, worker] = apps;
    expect(`node ${web.script}`).toBe(scripts.start);
    expect(`node ${worker.node_args} ${worker.script}`).toBe(scripts.worker);
    expect(path.resolve(web.cwd)).toBe(ROOT);
    expect(web.kill_timeout).toBeGreaterThan(30_000);
  });
});
