import { expect, test } from '@playwright/test';
import { dispatchRun, readAllEvents, userMessage } from './support/api';
import { LivePage } from './pages/live-page';

const fastServer = process.env.E2E_FAST_BASE_URL ?? '';

test('a 20,000-token run at full speed arrives and renders completely', async ({ page, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: fastServer });
  const channelId = await dispatchRun(api, userMessage('repeat 20000'));
  const live = new LivePage(page);
  await page.goto(`${fastServer}/runs/${channelId}`);
  await live.expectStatus('completed', 90_000);
  await expect(page.getByText('Text pieces received').locator('..')).toContainText('20,000');
  const text = await live.replyText();
  expect(text.trim().split(/\s+/)).toHaveLength(20_000);
  // The timeline holds every event but renders only the rows in view.
  const events = await readAllEvents(api, channelId);
  await live.showEvents();
  await expect(page.getByRole('heading', { name: /Events/ })).toContainText(`(${events.length})`);
  expect(await live.timeline.locator('[data-seq]').count()).toBeLessThan(100);
  await api.dispose();
});
