import { expect, test } from '@playwright/test';

test('the dashboard loads with its navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Runs' })).toBeVisible();
});

test('the navigation marks the page being shown, and on a phone keeps the pages on one line', async ({
  page,
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto('/runs');
  await expect(nav.getByRole('link', { name: 'Runs' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Builder' })).not.toHaveAttribute('aria-current', 'page');
  await page.setViewportSize({ width: 390, height: 844 });
  const tops = await Promise.all(
    ['Builder', 'Runs', 'Overview', 'Experiments', 'Webhooks'].map(
      async (name) => (await nav.getByRole('link', { name }).boundingBox())?.y,
    ),
  );
  expect(new Set(tops).size).toBe(1);
  await page.screenshot({ path: 'test-results/screenshots/nav-390.png' });
});
