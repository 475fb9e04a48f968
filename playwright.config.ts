import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium';
import { assertFreshBuild } from './test/support/build-freshness';

// The servers below start the existing build (`next start`): refuse one older than the code.
assertFreshBuild(process.cwd());

const port = Number(process.env.E2E_PORT ?? 3217);
const dataDir = path.join(os.tmpdir(), `ds-e2e-${process.pid}`);
// A second server with the local engine at full speed (no token delay), for long-output tests; its
// openai engine points at a fake upstream (port + 4) so experiments can compare two engines.
const fastPort = port + 1;
const fakeOpenAiPort = port + 4;
process.env.E2E_FAST_BASE_URL = `http://127.0.0.1:${fastPort}`;
// A third server on the Redis backend (BullMQ, Streams), executing runs in-process; its keys expire soon.
const redisPort = port + 2;
// The fast server sends webhooks to a receiver that e2e/monitoring.spec.ts opens on this port, and
// gives up waiting for a function result after 4 s (so a run can fail quickly for the toast test).
const webhookPort = port + 3;
process.env.E2E_WEBHOOK_PORT = String(webhookPort);
process.env.E2E_WEBHOOK_SECRET = `whsec_${Buffer.from('dispatch-studio-e2e-webhook-secret').toString('base64')}`;
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `e2e-${process.pid}:`;
// Read by e2e/global-teardown.ts, which deletes the run's keys from the developer's Redis.
process.env.E2E_REDIS_URL = redisUrl;
process.env.E2E_REDIS_PREFIX = redisPrefix;
process.env.E2E_REDIS_BASE_URL = `http://127.0.0.1:${redisPort}`;

/** The built app as `npm start` serves it (the wire API from the lean layer, the rest from Next). */
function npmStart(listenPort: number, env: Record<string, string>) {
  return {
    command: 'node scripts/start.mjs',
    url: `http://127.0.0.1:${listenPort}/api/v1/schema`,
    reuseExistingServer: false,
    timeout: 60_000,
    // It drains on SIGTERM; at the end of the tests nothing needs to finish.
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(listenPort),
      HOST: '127.0.0.1',
      SHUTDOWN_GRACE_MS: '0',
      ...env,
    },
  };
}

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    // The words on screen are English, numbers with their separators ("1,000"), whatever the machine's locale.
    locale: 'en-US',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } },
  ],
  webServer: [
    npmStart(port, { DATA_DIR: dataDir, LOCAL_TOKEN_DELAY_MS: process.env.E2E_TOKEN_DELAY_MS ?? '5' }),
    {
      command: 'node --import tsx e2e/support/fake-openai-server.ts',
      port: fakeOpenAiPort,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { FAKE_OPENAI_PORT: String(fakeOpenAiPort) },
    },
    npmStart(fastPort, {
      DATA_DIR: `${dataDir}-fast`,
      LOCAL_TOKEN_DELAY_MS: '0',
      CHANNEL_WAIT_TIMEOUT_MS: '4000',
      WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/hooks`,
      WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET,
      WEBHOOK_RETRY_BASE_MS: '200',
      OPENAI_BASE_URL: `http://127.0.0.1:${fakeOpenAiPort}/v1`,
      OPENAI_API_KEY: 'sk-e2e-fake',
    }),
    npmStart(redisPort, {
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      RETENTION_DAYS: '0.01',
      LOCAL_TOKEN_DELAY_MS: '5',
    }),
  ],
});
