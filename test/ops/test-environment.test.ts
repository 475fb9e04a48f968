// `npm test` sets up what it needs: a Redis of its own where none answers (stopped afterwards), Chromium,
// or one sentence naming the command to run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/app-process';
import { freePort } from '../support/next-server';
import { startOwnRedis, type OwnRedis } from '../support/redis-server';
// @ts-expect-error -- a plain .mjs script without type declarations
import * as setup from '../../scripts/test-environment.mjs';

const { ensureChromium, ensureRedis, redisAnswers } = setup as {
  ensureChromium(): Promise<string>;
  ensureRedis(url: string): Promise<() => Promise<void>>;
  redisAnswers(host: string, port: number): Promise<boolean>;
};

let own: OwnRedis | undefined;
afterAll(async () => {
  await own?.stop();
});

describe('npm test environment', () => {
  it('starts a redis-server of its own where no Redis answers, and stops it afterwards', async () => {
    const port = await freePort();
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);
    const stop = await ensureRedis(`redis://127.0.0.1:${port}`);
    expect(await redisAnswers('127.0.0.1', port)).toBe(true);
    await stop();
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);
  });

  it('uses a Redis that already answers and leaves it running', async () => {
    own = await startOwnRedis();
    const stop = await ensureRedis(own.url);
    await stop();
    expect(await redisAnswers('127.0.0.1', own.port)).toBe(true);
  });

  it('finds Chromium', async () => {
    expect(path.isAbsolute(await ensureChromium())).toBe(true);
  });

  it('stops at once with one sentence naming the command when redis-server is missing and it cannot install it', async () => {
    const port = await freePort();
    const script = `import('./scripts/test-environment.mjs').then((m) => m.ensureRedis('redis://127.0.0.1:${port}')).catch((e) => { process.stdout.write(e.message); process.exit(3); })`;
    // A PATH with node only: no redis-server, no apt-get, no shell.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-path-'));
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const result = spawnSync('node', ['-e', script], {
      cwd: ROOT,
      env: { PATH: bin, NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(3);
    expect(result.stdout).toBe(
      `No Redis answers on 127.0.0.1:${port} and redis-server is not installed: run \`sudo apt-get install -y redis-server\` (or start a Redis there), then npm test again.`,
    );
  });
});
