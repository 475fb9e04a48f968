// Screenshots of the live view and the runs list at both widths, light and dark, for people to look at;
// each also checks that nothing overflows the page sideways.
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { dispatchRun, readAllEvents } from './support/api';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`live view and runs list fit 1280 and 390 pixels (${colorScheme})`, async ({ page, request }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'What is the status of my order 1234?' }],
      functions: [
        {
          name: 'getOrderStatus',
          description: 'Looks up an order',
          parameters: { type: 'object', properties: { orderId: { type: 'string' } } },
          result: { data: { status: 'shipped' } },
        },
      ],
    });
    await readAllEvents(request, channelId);
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/runs/${channelId}`);
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/screenshots/live-${width}-${colorScheme}.png`, fullPage: true });
      await page.goto('/runs');
      await expect(page.locator('tbody tr').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/screenshots/runs-${width}-${colorScheme}.png`, fullPage: true });
    }
  });
}

// The builder as a first visit sees it, as someone who pressed Dispatch sees it (guide gone, presets
// folded, problems near the top), Export's confirmation for a form with problems, and the overview.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`builder for a first visit and after Dispatch, Export's confirmation and the overview (${colorScheme})`, async ({
    page,
    request,
  }) => {
    // A finished run, so the overview has times to show.
    await readAllEvents(request, await dispatchRun(request, { messages: [{ type: 'user', text: 'Hello' }] }));
    await page.emulateMedia({ colorScheme });
    const builder = new BuilderPage(page);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // Nothing saved: not the last width's form either.
      await builder.openFresh();
      await expect(page.getByRole('region', { name: 'New here? Your first run in three steps' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/builder-first-visit-${width}-${colorScheme}.png` });
      await builder.message(0).getByLabel('Text').fill('Where is my order?');
      await builder.section('Datasets');
      await page.getByRole('button', { name: 'Add dataset' }).click();
      await page.getByRole('button', { name: 'Export' }).click();
      await expect(page.getByRole('status')).toContainText('problem');
      await page.screenshot({ path: `test-results/screenshots/builder-export-${width}-${colorScheme}.png` });
      await builder.dispatchButton.click();
      await expect(builder.summary).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screenshots/builder-dispatched-${width}-${colorScheme}.png` });
      await page.goto('/overview');
      await expect(page.getByTestId('overview-figures')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test-results/screenshots/overview-${width}-${colorScheme}.png` });
    }
  });
}
