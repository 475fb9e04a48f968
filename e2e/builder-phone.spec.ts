// Issue 17, line 5: on a phone the Dispatch button is always on screen and no keyboard hint is shown;
// the request preview wraps without cutting text at every width. Also the builder's screenshots.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

const LONG_WORD = `https://example.com/${'a-very-long-path-segment-'.repeat(12)}end`;

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}

/** A fresh builder with a preset that has a function. */
async function openWithPreset(page: Page): Promise<BuilderPage> {
  const builder = new BuilderPage(page);
  await builder.openFresh();
  await builder.usePreset('Order lookup with a fixed answer');
  return builder;
}

/** The element ends above the fixed Dispatch bar (it is not hidden under it). */
async function expectAboveDispatchBar(page: Page, element: Locator) {
  const [bottom, barTop] = await Promise.all([
    element.evaluate((node) => node.getBoundingClientRect().bottom),
    page.getByTestId('dispatch-bar').evaluate((node) => node.getBoundingClientRect().top),
  ]);
  expect(bottom).toBeLessThanOrEqual(barTop);
}

test.describe('on a phone (390 px, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the Dispatch button stays on screen wherever the page is scrolled, with no keyboard hint', async ({ page }) => {
    const builder = await openWithPreset(page);
    for (const title of ['Datasets', 'Functions', 'Skillsets', 'Limits, channel and timezone']) await builder.section(title);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(2500);
    for (const y of [0, height / 3, (2 * height) / 3, height]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await expect.poll(() => inViewport(page, '[data-testid="dispatch-bar"] button[type="submit"]')).toBe(true);
    }
    await expect(page.getByTestId('keyboard-hint')).toBeHidden();
    // The bar sits on the screen's bottom edge: no strip of the page shows under it.
    const barBottom = await page.getByTestId('dispatch-bar').evaluate((node) => node.getBoundingClientRect().bottom);
    expect(barBottom).toBe(await page.evaluate(() => window.innerHeight));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The bar does not hide the last field: the page leaves room under it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expectAboveDispatchBar(page, page.getByRole('heading', { name: 'Request preview' }));
    await builder.dispatchButton.tap();
    await page.waitForURL(/\/runs\//);
  });

  test('a reload puts the long form back where the reader was, not at its top', async ({ page }) => {
    const builder = await openWithPreset(page);
    for (const title of ['Datasets', 'Functions', 'Skillsets']) await builder.section(title);
    // The reader is at the Functions section, a little above the screen's top.
    const functions = page.locator('#section-functions');
    await functions.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top + 40));
    const topOf = () => functions.evaluate((element) => element.getBoundingClientRect().top);
    expect(await topOf()).toBeCloseTo(-40, -1);
    await page.reload();
    await expect(builder.dispatchButton).toBeVisible();
    await expect.poll(topOf).toBeGreaterThan(-60);
    expect(await topOf()).toBeLessThan(-20);
    // A visit within the page's life (Runs, then Builder again) starts at the top, as a visit does.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Builder' }).click();
    await expect(builder.dispatchButton).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(100);
  });

  test('every button is a finger-sized target, the small "↑", "↓" and "Remove" of a list item too', async ({ page }) => {
    const builder = await openWithPreset(page);
    await builder.section('Functions');
    await builder.section('Messages');
    const buttons = page.getByRole('main').getByRole('button').filter({ visible: true });
    const boxes = await buttons.evaluateAll((all) =>
      all.map((button) => {
        const box = button.getBoundingClientRect();
        return { name: button.getAttribute('aria-label') ?? button.textContent, width: box.width, height: box.height };
      }),
    );
    expect(boxes.some((box) => box.name?.startsWith('Remove '))).toBe(true);
    expect(boxes.filter((box) => box.width < 44 || box.height < 44)).toEqual([]);
  });

  test('a field focused further down the page stops above the Dispatch bar, not under it', async ({ page }) => {
    const builder = await openWithPreset(page);
    await builder.section('Functions');
    const name = page.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true }).first();
    // The field sits just above the bottom of the screen, where the bar covers it; then it is focused.
    await name.evaluate((element) => {
      const box = element.getBoundingClientRect();
      window.scrollBy(0, box.bottom - window.innerHeight + 20);
    });
    await name.focus();
    await expectAboveDispatchBar(page, name);
  });
});

test.describe('Meta fields on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a message’s Meta is folded away as extra data for programs, and opens by itself when it holds something or has a problem', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    const fold = builder.messageMetaFold(0);
    await expect(fold.locator('summary')).toHaveText('Extra data for programs (optional)');
    await expect(fold).not.toHaveAttribute('open');
    await expect(builder.message(0).getByLabel('Meta (JSON object)')).toBeHidden();

    const meta = await builder.messageMeta(0);
    await meta.fill('{oops');
    // Closed by hand, the fold opens again when Dispatch finds a problem in it.
    await fold.locator('summary').click();
    await expect(meta).toBeHidden();
    await builder.dispatchButton.click();
    await expect(meta).toBeVisible();
    expect(await builder.problemBeside(meta)).toMatch(/^This is not valid JSON/);

    // Holding something, it is open when the draft comes back; a message without Meta keeps its fold shut.
    await page.getByRole('button', { name: 'Add message' }).click();
    await meta.fill('{"source": "web"}');
    await builder.waitForDraftContaining('source');
    await page.reload();
    await builder.open();
    await expect(builder.message(0).getByLabel('Meta (JSON object)')).toHaveValue('{"source": "web"}');
    await expect(builder.message(0).getByLabel('Meta (JSON object)')).toBeVisible();
    await expect(builder.messageMetaFold(1)).not.toHaveAttribute('open');
  });

  test('a skillset ability’s, a dataset record’s and the contact’s Meta fold away the same way; a problem opens them', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    const skillsets = await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await page.getByRole('button', { name: 'Add ability' }).click();
    const ability = skillsets.getByRole('group', { name: 'Ability 1' });
    await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await page.getByRole('button', { name: 'Add record' }).click();
    const records = page.getByRole('group', { name: 'Records of dataset 1' });
    const contact = await builder.section('Contact');
    await contact.getByLabel('Contact', { exact: true }).selectOption('details');

    const folds = [builder.metaFold(ability), builder.metaFold(records), builder.metaFold(contact)];
    for (const fold of folds) {
      await expect(fold.locator('summary')).toHaveText('Extra data for programs (optional)');
      await expect(fold).not.toHaveAttribute('open');
      await expect(fold.getByRole('textbox')).toBeHidden();
    }

    const metas = [
      await builder.metaIn(ability),
      await builder.metaIn(records, 'Record 1 meta (JSON object)'),
      await builder.metaIn(contact),
    ];
    for (const meta of metas) await meta.fill('{oops');
    // Closed by hand, each opens again when Dispatch finds its problem.
    for (const fold of folds) await fold.locator('summary').click();
    for (const meta of metas) await expect(meta).toBeHidden();
    await builder.dispatchButton.click();
    for (const meta of metas) {
      await expect(meta).toBeVisible();
      expect(await builder.problemBeside(meta)).toMatch(/^This is not valid JSON/);
    }

    // Folded again, the summary's link opens the contact's fold and puts the cursor in its Meta.
    await folds[2].locator('summary').click();
    await expect(folds[2].locator('summary')).toContainText('has a problem');
    await builder.summary.getByRole('link', { name: 'Contact › Meta' }).click();
    await expect(metas[2]).toBeVisible();
    await expect(metas[2]).toBeFocused();
  });
});

test('a mouse-and-keyboard screen shows the keyboard hint', async ({ page }) => {
  const builder = new BuilderPage(page);
  await builder.open();
  await expect(page.getByTestId('keyboard-hint')).toBeVisible();
  await expect(page.getByTestId('keyboard-hint')).toHaveText('or press Ctrl/⌘ + Enter');
});

for (const width of [1280, 768, 390]) {
  test(`the request preview wraps long values without cutting them at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill(LONG_WORD);
    await expect(builder.preview).toContainText('end"');
    const fits = await builder.preview.evaluate((element) => element.scrollWidth <= element.clientWidth);
    expect(fits).toBe(true);
    // Every character is there to read (and to copy).
    expect(JSON.parse((await builder.preview.textContent()) ?? '{}').messages[0].text).toBe(LONG_WORD);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

// Screenshots for people to look at (docs/screenshots), with an error summary showing.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`builder screenshots at 1280 and 390 (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const builder = new BuilderPage(page);
      await builder.openFresh();
      await new BuilderPage(page).usePreset('Order lookup with a fixed answer');
      await builder.section('Functions');
      await page.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true }).first().fill('get order');
      await builder.dispatchButton.click();
      await expect(builder.summary).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // At 1280 the whole page is taken; at 390 the screen as it is after the press (the summary in view).
      if (width === 1280) await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `docs/screenshots/builder-${width}-${colorScheme}.png`, fullPage: width === 1280 });
    }
  });
}
