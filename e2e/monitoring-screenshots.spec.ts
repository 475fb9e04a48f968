// Screenshots of the overview and the runs list at 1280 and 390 px, light and dark, saved under
// docs/screenshots/ for the README; each also checks that nothing overflows the page sideways.
import { expect, test } from '@playwright/test';
import { dispatchRun, readAllEvents, userMessage } from './support/api';

test('overview and runs list fit 1280 and 390 pixels, light and dark', async ({ page, request }) => {
  const finished = [
    await dispatchRun(request, {
      messages: [{ type: 'user', text: 'What will the weather be in Lisbon tomorrow?' }],
      functions: [
        {
          name: 'getForecast',
          description: 'Weather forecast for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          result: { data: { sky: 'sunny', high: 24 } },
        },
      ],
    }),
    await dispatchRun(request, userMessage('Summarise the quarterly report in three bullet points')),
  ];
  for (const channelId of finished) await readAllEvents(request, channelId);
  await request.post(`/api/runs/${finished[1]}/retry`);
  const cancelled = await dispatchRun(request, userMessage('repeat 5000'));
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${cancelled}`)).json()).run.outputTokens)
    .toBeGreaterThan(20);
  await request.post(`/api/runs/${cancelled}/cancel`);
  const live = await dispatchRun(request, userMessage('repeat 20000'));

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/overview');
      await expect(page.getByTestId('overview-figures')).toBeVisible();
      await expect(page.locator('figure canvas').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `docs/screenshots/overview-${width}-${colorScheme}.png`,
        fullPage: true,
      });

      await page.goto('/runs');
      await expect(page.locator(`tr[data-channel-id="${live}"]`)).toContainText('Running');
      await page.locator(`tr[data-channel-id="${finished[0]}"]`).getByRole('checkbox').check();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `docs/screenshots/runs-${width}-${colorScheme}.png`,
        fullPage: width === 390,
      });
    }
  }
  await request.post(`/api/runs/${live}/cancel`);
});
