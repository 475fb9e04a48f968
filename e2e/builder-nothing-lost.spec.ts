// Issue 17, line 4: nothing a person typed is lost — New, a preset's "Use" and Import offer Undo, the
// draft never replaces what was typed, and Export then Import gives back everything, time zone included.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

test.use({ timezoneId: 'Asia/Tokyo' });

test.describe('nothing typed is lost', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('New, a preset and Import replace a filled form only with an Undo at hand', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const text = builder.message(0).getByLabel('Text');
    await text.fill('My own words');
    await (await builder.section('Backstory')).getByLabel('Backstory').fill('A careful assistant');

    await page.getByRole('button', { name: 'New' }).click();
    await expect(text).toHaveValue('');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect(text).toHaveValue('My own words');
    await builder.expectPreview({ extensions: { backstory: 'A careful assistant' } });

    await new BuilderPage(page).usePreset('Support bot with a dataset');
    await expect(text).toHaveValue('How do I reset my password?');
    await expect(page.getByRole('status')).toContainText('Loaded the preset “Support bot with a dataset”.');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect(text).toHaveValue('My own words');

    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    await dialog
      .getByLabel('Request JSON')
      .fill(JSON.stringify({ messages: [{ type: 'user', text: 'Imported' }] }));
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(text).toHaveValue('Imported');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect(text).toHaveValue('My own words');
    await builder.expectPreview({ extensions: { backstory: 'A careful assistant' } });

    // An empty form has nothing to lose: no Undo is offered.
    await page.getByRole('button', { name: 'New' }).click();
    await expect(text).toHaveValue('');
    await new BuilderPage(page).usePreset('Support bot with a dataset');
    await expect(text).toHaveValue('How do I reset my password?');
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  });

  test("the Undo notice leaves the page's last section in reach: the page scrolls it up above the notice", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('My own words');
    await page.getByRole('button', { name: 'New' }).click();
    const notice = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
    await expect(notice).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const lastSection = page.locator('#section-options');
    const noticeBox = (await notice.boundingBox())!;
    await expect
      .poll(async () => {
        const box = (await lastSection.boundingBox())!;
        return box.y + box.height;
      })
      .toBeLessThanOrEqual(noticeBox.y);
    // Gone with the notice: the page ends where it ended before.
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--toast-space')),
      )
      .toBe('0px');
  });

  test('Remove takes a filled-in item away with an Undo that puts it back in its place; a blank one just goes', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Where is order 42?');
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    await page.getByRole('button', { name: 'Add function' }).click();
    const fn = (index: number) => page.getByRole('group', { name: `Function ${index}`, exact: true });
    await fn(1).getByLabel('Name', { exact: true }).fill('get_order_status');
    await fn(1).getByLabel('Description', { exact: true }).fill('Looks an order up by its number');
    await fn(2).getByLabel('Name', { exact: true }).fill('cancel_order');

    await page.getByRole('button', { name: 'Remove function 1' }).click();
    await expect(fn(1).getByLabel('Name', { exact: true })).toHaveValue('cancel_order');
    const toast = page.getByRole('status').filter({ hasText: 'Removed' });
    await expect(toast).toContainText('Removed Function 1 “get_order_status”.');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(fn(1).getByLabel('Name', { exact: true })).toHaveValue('get_order_status');
    await expect(fn(1).getByLabel('Description', { exact: true })).toHaveValue(
      'Looks an order up by its number',
    );
    await expect(fn(2).getByLabel('Name', { exact: true })).toHaveValue('cancel_order');
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await builder.expectPreview({ functions: [{ name: 'get_order_status' }, { name: 'cancel_order' }] });

    // An item inside another (a dataset's record) comes back too, with its text.
    const datasets = await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await page.getByRole('button', { name: 'Add record' }).click();
    await datasets.getByLabel('Record 1 text').fill('Orders ship within two days.');
    await page.getByRole('button', { name: 'Remove record 1' }).click();
    await expect(datasets.getByLabel('Record 1 text')).toHaveCount(0);
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect(datasets.getByLabel('Record 1 text')).toHaveValue('Orders ship within two days.');

    // A function just added and left blank has nothing to lose: it goes without an Undo.
    await page.getByRole('button', { name: 'Add function' }).click();
    await page.getByRole('button', { name: 'Remove function 3' }).click();
    await expect(fn(3)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  });

  test('the saved draft is in the form from its first paint, so typing right after load is never replaced', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Saved earlier');
    await builder.waitForDraftContaining('Saved earlier');
    await page.reload();
    // Type the moment the field exists; then wait until the draft has been saved with it, which is
    // after any start-up loading would have happened.
    const text = builder.message(0).getByLabel('Text');
    await text.fill('Typed at once');
    await builder.waitForDraftContaining('Typed at once');
    await expect(text).toHaveValue('Typed at once');
    await page.reload();
    await expect(text).toHaveValue('Typed at once');
  });

  test('what was typed just before a reload or leaving the page is there on coming back', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const text = builder.message(0).getByLabel('Text');
    // Reloaded at once: sooner than the draft's usual pause after typing.
    await text.fill('Typed just before reloading');
    await page.reload();
    await expect(text).toHaveValue('Typed just before reloading');

    // Left through the header's link, which changes page without unloading it.
    await text.fill('Typed just before leaving');
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.waitForURL(/\/runs$/);
    await page.getByRole('link', { name: 'Builder' }).click();
    await expect(text).toHaveValue('Typed just before leaving');
  });

  test('a problem shown beside a field is still shown after a reload, and one never shown stays hidden', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Look up my order');
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const fn = page.getByRole('group', { name: 'Function 1', exact: true });
    const name = fn.getByLabel('Name', { exact: true });
    await name.fill('1bad');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await builder.waitForDraftContaining('1bad');
    await page.reload();
    await expect(name).toHaveValue('1bad');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(await builder.problemBeside(name)).toContain('Start with a letter or _, not a digit');
    // The function's description was never touched: its problem, if any, waits for Dispatch as before.
    await expect(fn.getByLabel('Description')).not.toHaveAttribute('aria-invalid', 'true');
    // New forgets them with the draft.
    await page.getByRole('button', { name: 'New' }).click();
    await page.reload();
    await expect(page.getByRole('group', { name: 'Function 1', exact: true })).toHaveCount(0);
  });

  test('the list of problems a Dispatch showed is still there after a reload, with its links, until New', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    await page.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true }).fill('1bad');
    await builder.dispatchButton.click();
    const summary = page.getByRole('alert', { name: /problems to fix before dispatching/ });
    await expect(summary).toBeFocused();
    const lines = await builder.summaryLines();
    expect(lines).toHaveLength(2);
    await builder.waitForDraftContaining('1bad');
    await page.reload();
    await expect(summary).toBeVisible();
    expect(await builder.summaryLines()).toEqual(lines);
    // Only reloaded: the page does not jump to it.
    await expect(summary).not.toBeFocused();
    await summary.getByRole('link', { name: 'Function 1 › Name' }).click();
    await expect(page.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'New' }).click();
    await page.reload();
    await expect(page.getByRole('alert', { name: /problems to fix/ })).toHaveCount(0);
  });

  test('sections opened or closed stay so after a reload', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const isOpen = (title: string) =>
      page
        .locator('details')
        .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
        .evaluate((element) => (element as HTMLDetailsElement).open);
    expect(await isOpen('Functions')).toBe(false);
    await builder.section('Functions');
    await page.locator('details#section-messages > summary').click();
    await expect.poll(() => isOpen('Messages')).toBe(false);
    await page.reload();
    await expect(page.locator('form[data-ready="true"]')).toBeAttached();
    await expect.poll(() => isOpen('Functions')).toBe(true);
    expect(await isOpen('Messages')).toBe(false);
    expect(await isOpen('Backstory')).toBe(false);
  });

  test('a damaged or outdated draft is ignored rather than loaded', async ({ page }) => {
    // Put in place before the page's own scripts run, so the builder meets it on load.
    await page.addInitScript(() =>
      localStorage.setItem(
        'dispatch-studio.builder.draft',
        JSON.stringify({ messages: 'not a list', functions: [{}] }),
      ),
    );
    const builder = new BuilderPage(page);
    await builder.open();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
    await builder.expectPreview({ messages: [{ type: 'user', text: '' }] });
  });

  test('Export then Import gives back everything the builder holds, time zone included; a plain request file still imports', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await new BuilderPage(page).usePreset('Order lookup with a fixed answer');
    const model = await builder.section('Bot or model');
    await model.getByLabel('Model').fill('local');
    await model.getByLabel('Temperature').fill('0.3');
    await model.getByLabel('Backstory sent with these settings (optional)').fill('Short answers.');
    const skillsets = await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await page.getByRole('button', { name: 'Add ability' }).click();
    const ability = skillsets.getByRole('group', { name: 'Ability 1' });
    await ability.getByLabel('Name').fill('translate');
    await ability.getByLabel('Instruction').fill('Translate politely.');
    await (await builder.metaIn(ability)).fill('{"tier": 2}');
    const options = await builder.section('Limits, channel and timezone');
    await options.getByLabel('Timezone').fill('America/Chicago');
    await options.getByLabel('Max iterations').fill('4');
    const before = await builder.previewJson();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    await expect(page.getByRole('status')).toHaveText(
      'Exported dispatch-request.json (the request and the time zone America/Chicago).',
    );
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(exported).toEqual({
      format: 'dispatch-studio.builder/1',
      timezone: 'America/Chicago',
      request: before,
    });

    await page.getByRole('button', { name: 'New' }).click();
    await expect(options.getByLabel('Timezone')).toHaveValue('Asia/Tokyo');
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    await dialog.getByLabel('Or load a .json file').setInputFiles(file);
    await expect(dialog).toBeHidden();
    await expect(options.getByLabel('Timezone')).toHaveValue('America/Chicago');
    expect(await builder.previewJson()).toEqual(before);
    // Holding something again, the ability's extra data opens by itself.
    await expect(ability.getByLabel('Meta (JSON object)')).toHaveValue('{\n  "tier": 2\n}');
    await expect(ability.getByLabel('Meta (JSON object)')).toBeVisible();

    // A plain dispatch request (what the API takes) imports too, keeping the time zone already set.
    await page.getByRole('button', { name: 'Import' }).click();
    await dialog.getByLabel('Or load a .json file').setInputFiles({
      name: 'plain.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ messages: [{ type: 'user', text: 'Plain request' }], limits: { calls: 2 } }),
      ),
    });
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('Plain request');
    await builder.expectPreview({ limits: { calls: 2 } });
    await expect(options.getByLabel('Timezone')).toHaveValue('America/Chicago');
  });
});

test('"Continue" from a run replaces a draft only with an Undo at hand', async ({ page, request }) => {
  const response = await request.post('/api/v1/conversation/dispatch', {
    data: { messages: [{ type: 'user', text: 'repeat 3' }] },
  });
  const { channelId } = (await response.json()) as { channelId: string };
  const builder = new BuilderPage(page);
  await builder.open();
  await builder.message(0).getByLabel('Text').fill('My unsent draft');
  await builder.waitForDraftContaining('My unsent draft');
  await page.goto(`/runs/${channelId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  await page.getByRole('button', { name: 'Continue in the builder' }).click();
  await expect(builder.message(0).getByLabel('Text')).toHaveValue('repeat 3');
  await expect(page.getByRole('status')).toContainText('Continued the conversation from its run.');
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(builder.message(0).getByLabel('Text')).toHaveValue('My unsent draft');
});
