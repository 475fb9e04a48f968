import { expect, test } from '@playwright/test';

test('the dashboard loads with its navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Runs' })).toBeVisible();
});
