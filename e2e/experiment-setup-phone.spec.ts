// On a phone the setup of an experiment keeps its Start button on screen (a bar fixed to the bottom, the
// builder's Dispatch bar: components/ui/phone-action-bar), not below every variant; a field focused near
// the bottom stops above the bar, not under it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ExperimentSetupPage } from './pages/experiment-page';
import { expectAccessibleInBothThemes } from './support/axe';

/** The whole of `element` is on screen. */
const onScreen = (element: Locator) =>
  element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });

/** The element ends above the fixed bar that holds the Start button (it is not hidden under it). */
async function expectAboveStartBar(page: Page, element: Locator) {
  const [bottom, barTop] = await Promise.all([
    element.evaluate((node) => node.getBoundingClientRect().bottom),
    page.locator('[data-action-bar]').evaluate((node) => node.getBoundingClientRect().top),
  ]);
  expect(bottom).toBeLessThanOrEqual(barTop);
}

test.describe('setting up an experiment on a phone (390 px, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const { kind, button } of [
    { kind: 'compare', button: 'Start comparing' },
    { kind: 'batch', button: 'Start the batch' },
  ]) {
    test(`${kind}: "${button}" is on screen from the start and after adding a variant, and covers no focused field`, async ({
      page,
    }) => {
      const setup = new ExperimentSetupPage(page);
      await setup.open(`/experiments/new?kind=${kind}`);
      await expect(setup.startButton).toHaveText(button);
      expect(await onScreen(setup.startButton)).toBe(true);
      // The form is longer than the screen: the button would otherwise be below the fold.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(844);

      await page.getByRole('button', { name: 'Add a variant' }).tap();
      const added = setup.variantField(2, 'Name');
      await expect(added).toBeFocused();
      await expectAboveStartBar(page, added);
      expect(await onScreen(setup.startButton)).toBe(true);

      // A field just above the screen's bottom, where the bar lies over it, is then focused: it stops above the bar.
      const backstory = setup.variantField(2, 'Backstory');
      await backstory.evaluate((element) => {
        const box = element.getBoundingClientRect();
        window.scrollBy(0, box.bottom - window.innerHeight + 20);
      });
      await backstory.focus();
      await expectAboveStartBar(page, backstory);
      // At the end of the page the last field clears the bar too.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const last = kind === 'batch' ? page.getByLabel('Runs at once') : page.getByRole('button', { name: 'Add a variant' });
      await expectAboveStartBar(page, last);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await expectAccessibleInBothThemes(page, 'main');
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `test-results/screenshots/experiment-setup-${kind}-390-${colorScheme}.png` });
      }
    });
  }
});

test('on a wide screen the Start button sits in the form, after the variants', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const setup = new ExperimentSetupPage(page);
  await setup.open('/experiments/new?kind=compare');
  const [button, addVariant] = await Promise.all(
    [setup.startButton, page.getByRole('button', { name: 'Add a variant' })].map((element) => element.boundingBox()),
  );
  expect(button!.y).toBeGreaterThan(addVariant!.y);
  expect(button!.width).toBeLessThan(400);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/screenshots/experiment-setup-1280-${colorScheme}.png`, fullPage: true });
  }
});
