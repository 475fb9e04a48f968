// Screenshots of a comparison and a batch grid at 1280 and 390 pixels, light and dark, for people to
// look at (copied to docs/screenshots/); each also checks that nothing overflows the page sideways.
import { expect, test, type APIRequestContext } from '@playwright/test';

const fastServer = process.env.E2E_FAST_BASE_URL ?? '';

async function createExperiment(request: APIRequestContext, url: string, body: unknown): Promise<string> {
  const response = await request.post(url, { data: body });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { experiment: { id: string } }).experiment.id;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`compare and batch grid fit 1280 and 390 pixels (${colorScheme})`, async ({ page, request }) => {
    const compareId = await createExperiment(request, `${fastServer}/api/experiments`, {
      kind: 'compare',
      name: 'Which engine explains shipping best?',
      request: {
        messages: [{ type: 'user', text: 'When does my order ship, and can I change the address?' }],
        extensions: {
          datasets: [
            {
              name: 'FAQ',
              records: [
                { text: 'Orders ship within 2 working days. Addresses can be changed until an order ships.' },
              ],
            },
          ],
        },
      },
      variants: [
        { label: 'Local engine', model: 'local', backstory: 'You are Ava, a cheerful support agent.' },
        { label: 'OpenAI-compatible', model: 'openai/fake-model' },
      ],
    });
    const batchId = await createExperiment(request, '/api/experiments', {
      kind: 'batch',
      name: 'Order status questions',
      request: { messages: [{ type: 'user', text: '' }] },
      variants: [
        { label: 'Ava (cheerful)', backstory: 'You are Ava, a cheerful support agent.' },
        { label: 'Bo (terse)', backstory: 'You are Bo, a terse support agent.' },
      ],
      rows: Array.from({ length: 40 }, (_, index) => ({
        order_id: String(1000 + index),
        status: ['shipped on Monday', 'waiting for stock', 'delivered to the front desk', 'being packed'][
          index % 4
        ],
      })),
      messageTemplate: 'Where is order {{order_id}}?',
      recordTemplate: 'Order {{order_id}}: {{status}}',
      concurrency: 8,
    });
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${fastServer}/experiments/${compareId}`);
      await expect(page.getByTestId('run-status')).toHaveCount(2);
      for (const status of await page.getByTestId('run-status').all())
        await expect(status).toHaveAttribute('data-status', 'completed');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `test-results/screenshots/experiment-compare-${width}-${colorScheme}.png`,
        fullPage: true,
      });

      await page.goto(`/experiments/${batchId}`);
      await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'finished', {
        timeout: 60_000,
      });
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '80');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `test-results/screenshots/experiment-batch-${width}-${colorScheme}.png`,
        fullPage: true,
      });

      await page.goto('/experiments');
      await expect(page.locator(`a[href="/experiments/${batchId}"]`)).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `test-results/screenshots/experiments-list-${width}-${colorScheme}.png`,
      });

      await page.goto('/experiments/new?kind=batch');
      await page.getByLabel('File of inputs', { exact: true }).setInputFiles({
        name: 'orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('order_id,status\n17,shipped\n18,late\n'),
      });
      await page.getByLabel('Message').fill('Where is order {{order_id}}?');
      await expect(page.getByTestId('message-preview')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: `test-results/screenshots/experiment-new-${width}-${colorScheme}.png`,
        fullPage: true,
      });
    }
  });
}
