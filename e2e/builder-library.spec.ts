// Issue 17, lines 7 and 8: functions, datasets and skillsets saved to a library (on the server) are added
// to other conversations in one click; a first visit gets a short guided start that can be dismissed.
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

/** Opens the builder on a preset with a function, names the function and saves it to the library. */
async function saveNamedPresetFunction(builder: BuilderPage, name: string) {
  const { page } = builder;
  await builder.open();
  await new BuilderPage(page).usePreset('Order lookup with a fixed answer');
  const functions = await builder.section('Functions');
  const fn = functions.getByRole('group', { name: 'Function 1', exact: true });
  await fn.getByLabel('Name', { exact: true }).first().fill(name);
  await page.getByRole('button', { name: 'Save to library: function 1' }).click();
  await expect(fn.getByRole('status')).toHaveText(`Saved “${name}” to your library`);
  return { functions, fn };
}

test.describe('the library of reusable pieces', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('a saved function, dataset and skillset are added to another conversation in one click each', async ({ page }) => {
    const stamp = Date.now().toString(36);
    const builder = new BuilderPage(page);
    await saveNamedPresetFunction(builder, `lookup_${stamp}`);

    const datasets = await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await datasets.getByLabel('Name').first().fill(`FAQ ${stamp}`);
    await page.getByRole('button', { name: 'Add record' }).click();
    await datasets.getByLabel('Record 1 text').fill('Opening hours are 9 to 5.');
    await page.getByRole('button', { name: 'Save to library: dataset 1' }).click();
    await expect(datasets.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(`Saved “FAQ ${stamp}” to your library`);

    const skillsets = await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await skillsets.getByLabel('Name').first().fill(`Translator ${stamp}`);
    await page.getByRole('button', { name: 'Add ability' }).click();
    const ability = skillsets.getByRole('group', { name: 'Ability 1' });
    await ability.getByLabel('Name').fill('translate');
    await ability.getByLabel('Instruction').fill('Translate politely.');
    await page.getByRole('button', { name: 'Save to library: skillset 1' }).click();
    await expect(skillsets.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(`Saved “Translator ${stamp}” to your library`);
    const saved = await builder.previewJson();

    // The library lives on the server: a new page (no local state) sees it.
    const stored = (await (await page.request.get('/api/library')).json()) as { items: { name: string }[] };
    expect(stored.items.map((item) => item.name)).toEqual(expect.arrayContaining([`lookup_${stamp}`, `FAQ ${stamp}`, `Translator ${stamp}`]));
    // Nothing saved in this browser now (its draft too: once written back, every piece came twice).
    await builder.openFresh();
    await builder.message(0).getByLabel('Text').fill('Where is order 42?');
    await builder.section('Functions');
    await page.getByRole('button', { name: `Add lookup_${stamp} from the library` }).click();
    await builder.section('Datasets');
    await page.getByRole('button', { name: `Add FAQ ${stamp} from the library` }).click();
    await builder.section('Skillsets');
    await page.getByRole('button', { name: `Add Translator ${stamp} from the library` }).click();
    await builder.expectPreview({
      messages: [{ type: 'user', text: 'Where is order 42?' }],
      functions: saved.functions as unknown[],
      extensions: { datasets: (saved.extensions as { datasets: unknown[] }).datasets, skillsets: (saved.extensions as { skillsets: unknown[] }).skillsets },
    });
    await builder.dispatchButton.click();
    await page.waitForURL(/\/runs\//);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');

    // Deleting a piece removes it from the shelf, says so, and can be undone.
    await builder.open();
    const shelf = await builder.section('Datasets');
    await page.getByRole('button', { name: `Delete FAQ ${stamp} from the library` }).click();
    await expect(page.getByRole('button', { name: `Add FAQ ${stamp} from the library` })).toHaveCount(0);
    const deleted = shelf.getByRole('status').filter({ hasText: `Deleted “FAQ ${stamp}” from your library.` });
    await deleted.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('button', { name: `Add FAQ ${stamp} from the library` })).toHaveCount(1);
    await expect(deleted).toHaveCount(0);
    await page.getByRole('button', { name: `Delete FAQ ${stamp} from the library` }).click();
    await expect(page.getByRole('button', { name: `Add FAQ ${stamp} from the library` })).toHaveCount(0);
  });

  test('saving a function without a name marks its Name field and says what to do, in plain words', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const functions = await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const fn = functions.getByRole('group', { name: 'Function 1', exact: true });
    const name = fn.getByLabel('Name', { exact: true }).first();
    await page.getByRole('button', { name: 'Save to library: function 1' }).click();
    await expect(fn.getByRole('status')).toHaveText('Not saved — Function 1 › Name: Give it a name');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(await builder.problemBeside(name)).toBe('Give it a name');
    await expect(name).toBeFocused();
    await expect(page.locator('body')).not.toContainText(/Invalid request|piece\.name/);

    await name.fill(`named_${Date.now().toString(36)}`);
    await expect(name).not.toHaveAttribute('aria-invalid');
    await page.getByRole('button', { name: 'Save to library: function 1' }).click();
    await expect(fn.getByRole('status')).toHaveText(/^Saved “named_\w+”/);
  });

  test('saving a function again under the same name updates its entry instead of adding a second one', async ({ page }) => {
    const stamp = Date.now().toString(36);
    const { functions, fn } = await saveNamedPresetFunction(new BuilderPage(page), `again_${stamp}`);

    await fn.getByLabel('Description', { exact: true }).first().fill('The second version');
    await page.getByRole('button', { name: 'Save to library: function 1' }).click();
    await expect(fn.getByRole('status')).toHaveText(`Updated “again_${stamp}” in your library`);
    const stored = (await (await page.request.get('/api/library')).json()) as {
      items: { name: string; piece: { description?: string } }[];
    };
    expect(stored.items.filter((item) => item.name === `again_${stamp}`).map((item) => item.piece.description)).toEqual([
      'The second version',
    ]);
    await expect(functions.getByRole('button', { name: `Add again_${stamp} from the library` })).toHaveCount(1);
  });
});

test.describe('the guided start', () => {
  test('a first visit with no draft shows pick a preset → Dispatch → watch; once dismissed it does not come back', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    const guide = page.getByRole('region', { name: 'New here? Your first run in three steps' });
    await expect(guide.getByRole('listitem')).toHaveText([/1\. Pick a preset/, /2\. Press Dispatch/, /3\. Watch it run/]);
    await expect(guide.locator('[aria-current="step"]')).toContainText('Pick a preset');
    await new BuilderPage(page).usePreset('Support bot with a dataset');
    await expect(guide.locator('[aria-current="step"]')).toContainText('Press Dispatch');
    await guide.getByRole('button', { name: 'Dismiss' }).click();
    await expect(guide).toHaveCount(0);

    // Not back on a later visit, even with no draft. The preset's draft is saved 250 ms after the change
    // (dispatch-builder.tsx): removed before that, it would be saved again before the next visit.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('dispatch-studio.builder.draft')))
      .toContain('reset my password');
    await page.evaluate(() => localStorage.removeItem('dispatch-studio.builder.draft'));
    await builder.open();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
    await expect(page.getByRole('region', { name: 'New here? Your first run in three steps' })).toHaveCount(0);
  });

  test('follows a message written by hand, and pressing Dispatch ends it and folds the presets so the problems are near the top', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    const guide = page.getByRole('region', { name: 'New here? Your first run in three steps' });
    await expect(guide.locator('[aria-current="step"]')).toContainText('Pick a preset');
    await expect(builder.presets.getByRole('button', { name: /^Use preset:/ })).toHaveCount(4);
    await expect(builder.presets.getByRole('button', { name: /^Use preset:/ }).first()).toBeVisible();

    // A message of one's own counts like a picked preset.
    await builder.message(0).getByLabel('Text').fill('Where is my order?');
    await expect(guide.locator('[aria-current="step"]')).toContainText('Press Dispatch');
    await expect(guide.getByRole('listitem').first()).toContainText('(done)');
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    await builder.dispatchButton.click();

    // The guide has done its job; the presets fold away; the problems start near the top of the page.
    await expect(builder.summary).toBeVisible();
    await expect(guide).toHaveCount(0);
    await expect(builder.presets).not.toHaveAttribute('open');
    await expect(builder.presets.getByRole('button', { name: /^Use preset:/ }).first()).toBeHidden();
    await page.evaluate(() => window.scrollTo(0, 0));
    const top = await builder.summary.evaluate((element) => element.getBoundingClientRect().top);
    // Just under the heading and the folded gallery's one line, where the guide and the presets stood.
    expect(top).toBeLessThan(250);

    // Remembered: not back on a later visit, even with no draft; the presets open again for an empty form.
    // Leaving the page first ends the draft's pending save, which could otherwise bring the draft back.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('dispatch-studio.builder.guided-start-dismissed')))
      .toBe('1');
    await page.goto('/overview');
    await page.evaluate(() => localStorage.removeItem('dispatch-studio.builder.draft'));
    await builder.open();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
    await expect(guide).toHaveCount(0);
    await expect(builder.presets).toHaveAttribute('open');
  });

  test('a visit with a draft starts with the presets folded, and their summary opens them', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    await builder.message(0).getByLabel('Text').fill('Work in progress');
    await builder.waitForDraftContaining('Work in progress');
    await builder.open();
    await expect(builder.presets).not.toHaveAttribute('open');
    await builder.presets.locator('summary').click();
    await expect(builder.presets.getByRole('button', { name: 'Use preset: Support bot with a dataset' })).toBeVisible();
  });

  test('following it through to the live view ends it; a visit with a draft never shows it', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    const guide = page.getByRole('region', { name: 'New here? Your first run in three steps' });
    await expect(guide).toBeVisible();
    await new BuilderPage(page).usePreset('Support bot with a dataset');
    await builder.dispatchButton.click();
    await page.waitForURL(/\/runs\//);
    // The builder saves its draft as it goes away, which can come after the address has changed: the run's
    // page shown, the draft is saved and can be removed for good.
    await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
    await page.evaluate(() => localStorage.removeItem('dispatch-studio.builder.draft'));
    await builder.open();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
    await expect(guide).toHaveCount(0);

    await builder.openFresh();
    await expect(guide).toBeVisible();
    await builder.message(0).getByLabel('Text').fill('A draft');
    await builder.waitForDraftContaining('A draft');
    await page.evaluate(() => localStorage.removeItem('dispatch-studio.builder.guided-start-dismissed'));
    await builder.open();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('A draft');
    await expect(guide).toHaveCount(0);
  });
});
