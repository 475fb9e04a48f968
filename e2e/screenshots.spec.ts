// Screenshots of the live view and the runs list at both widths, light and dark, for people to look at;
// each also checks that nothing overflows the page sideways.
import { expect, test } from '@playwright/test';
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
