// The dashboard on the Redis backend is the same product: compose, dispatch, watch, list.
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { LivePage } from './pages/live-page';
import { RunsPage } from './pages/runs-page';
import { expectAccessibleInBothThemes } from './support/axe';
import { startWorker, type WorkerProcess } from '../test/support/backends';
import { startServer, type RunningServer } from '../test/support/next-server';
import { dropPrefix, testRedis, uniquePrefix } from '../test/support/redis';

test.use({ baseURL: process.env.E2E_REDIS_BASE_URL });

test('on Redis, a preset dispatched from the builder streams live and is listed with its status', async ({ page }) => {
  const builder = new BuilderPage(page);
  await builder.open();
  await new BuilderPage(page).usePreset('Support bot with a dataset');
  const channelId = await builder.dispatchAndGetChannel();

  const live = new LivePage(page);
  await live.expectStatus('completed');
  expect((await live.replyText()).length).toBeGreaterThan(10);
  await live.showEvents();
  await expect(live.timeline).toContainText('completeEnd');

  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.row(channelId).getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
});

test.describe('an overview with no worker taking runs', () => {
  const prefix = uniquePrefix('e2e-noworker');
  const env = { REDIS_URL: process.env.E2E_REDIS_URL ?? '', REDIS_KEY_PREFIX: prefix, LOCAL_TOKEN_DELAY_MS: '5' };
  let server: RunningServer;
  let worker: WorkerProcess | undefined;

  test.beforeAll(async () => {
    // A web process that leaves running to workers, and none started yet.
    server = await startServer({ env: { ...env, RUN_WORKER: 'false' } });
  });
  test.afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    const redis = testRedis(process.env.E2E_REDIS_URL);
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  // At 390 px first: the 1280 px test ends by starting a worker.
  for (const width of [390, 1280]) {
    test(`says why runs wait, and stops saying it once a worker starts (${width} px)`, async ({ page, request }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/overview`);
      const note = page.getByTestId('no-worker');
      await expect(note).toHaveText(
        /^No worker is taking runs from the queue, so a run dispatched now waits until one starts\. Start one with npm run worker/,
      );
      await expect(page.getByTestId('overview-figures')).toContainText('0 workers take runs');
      await expectAccessibleInBothThemes(page, '[data-testid="no-worker"]');
      // Its words fit the page, and it comes before the figures, in view without scrolling.
      expect(await note.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await expect(note).toBeInViewport();

      if (width !== 1280) return;
      const dispatched = await request.post(`${server.url}/api/v1/conversation/dispatch`, {
        data: { messages: [{ type: 'user', text: 'repeat 3' }] },
      });
      expect(dispatched.status()).toBe(200);
      await expect(note).toContainText('so the queued run waits until one starts', { timeout: 15_000 });
      worker = await startWorker(env);
      await expect(note).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByTestId('overview-figures')).toContainText('1 worker takes runs');
    });
  }
});
