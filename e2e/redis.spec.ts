// The dashboard on the Redis backend is the same product: compose, dispatch, watch, list.
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { LivePage } from './pages/live-page';
import { RunsPage } from './pages/runs-page';

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
