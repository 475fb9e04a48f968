import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { dispatchRun, readAllEvents, userMessage } from './support/api';
import { RunsPage } from './pages/runs-page';

test('the runs page lists runs newest first, filters by status, pages, updates live and links to each run', async ({ page, request }) => {
  const marker = `batch-${Date.now()}`;
  const channelIds: string[] = [];
  for (let index = 0; index < 30; index += 1) {
    const channelId = await dispatchRun(request, userMessage(`${marker} question ${index}`));
    channelIds.push(channelId);
    await readAllEvents(request, channelId);
  }
  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.rows.first()).toContainText(`${marker} question 29`);
  await expect(runs.rows.first()).toContainText('Completed');
  await expect(runs.rows.first()).toContainText('local');
  await expect(runs.rows).toHaveCount(25);

  await page.getByRole('button', { name: 'Older →' }).click();
  await expect(runs.row(channelIds[4])).toBeVisible();
  // The page is in the URL: a reload stays on it, and Back returns to the first.
  await expect(page).toHaveURL(/[?&]pages=/);
  await page.reload();
  await expect(runs.row(channelIds[4])).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 2');
  await page.goBack();
  await expect(runs.row(channelIds[29])).toBeVisible();
  await page.goForward();
  await expect(runs.row(channelIds[4])).toBeVisible();
  await page.getByRole('button', { name: '← Newer' }).click();
  await expect(runs.row(channelIds[29])).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 1');

  const slow = await dispatchRun(request, userMessage('repeat 3000'));
  await expect(runs.row(slow)).toContainText('Running');
  await runs.statusFilter.selectOption('running');
  await expect(runs.row(slow)).toBeVisible();
  await expect(runs.row(channelIds[29])).toHaveCount(0);
  await request.post(`/api/runs/${slow}/cancel`);
  await expect(runs.row(slow)).toHaveCount(0);
  await runs.statusFilter.selectOption('cancelled');
  await expect(runs.row(slow)).toContainText('Cancelled');

  await runs.row(slow).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/runs/${slow}$`));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'cancelled');
});

test('an experiment’s runs can be left out of the list, or shown alone, and the filters fit a phone', async ({
  page,
  request,
}) => {
  // A batch experiment makes hundreds of runs; the operator looks for the others.
  const marker = `source-${Date.now()}`;
  const direct = await dispatchRun(request, userMessage(`${marker} from the builder`));
  const hex = Date.now().toString(16).padStart(20, '0');
  const cell = await dispatchRun(request, { channelId: `exp_${hex}-3-1-0`, ...userMessage(`${marker} a cell`) });
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(2);
  await runs.sourceFilter.selectOption({ label: 'Not experiments' });
  await expect(runs.row(cell)).toHaveCount(0);
  await expect(runs.row(direct)).toBeVisible();
  await expect(page).toHaveURL(/[?&]source=other/);
  await runs.sourceFilter.selectOption({ label: 'Experiments' });
  await expect(runs.row(direct)).toHaveCount(0);
  await expect(runs.row(cell)).toBeVisible();
  // The cell says it is an experiment's, with a link to it; acting on it from the list says so first.
  const ofExperiment = runs.row(cell).getByTestId('run-experiment');
  await expect(ofExperiment).toHaveText('Part of an experiment (input 4, variant 2)');
  await expect(ofExperiment.getByRole('link')).toHaveAttribute('href', `/experiments/exp_${hex}`);
  await expect(runs.row(direct).getByTestId('run-experiment')).toHaveCount(0);
  await runs.row(cell).getByRole('button', { name: /^Retry run/ }).click();
  const retryQuestion = page.getByRole('dialog', { name: 'Retry this run?' });
  await expect(retryQuestion.getByTestId('from-experiments')).toHaveText(
    'It belongs to an experiment: a retry runs on its own, outside the experiment.',
  );
  await retryQuestion.getByRole('button', { name: 'Don’t retry' }).click();
  await expect(retryQuestion).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(runs.sourceFilter).toHaveValue('experiment');
  for (const filter of [runs.statusFilter, runs.engineFilter, runs.createdFilter, runs.sourceFilter]) {
    const box = await filter.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(150);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('on a phone, Older opens the next page at its top, not as far down as the last page ended', async ({
  page,
  request,
}) => {
  const marker = `older-${Date.now()}`;
  const channelIds: string[] = [];
  // Two full pages and a bit: the second page is as long as the first.
  for (let index = 0; index < 52; index += 1)
    channelIds.push(await dispatchRun(request, userMessage(`${marker} ${index}`)));
  await page.setViewportSize({ width: 390, height: 844 });
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(25);
  const older = page.getByRole('button', { name: 'Older →' });
  await older.scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
  await older.click();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Page 2');
  // Page 2's newest run, its first card.
  await expect(runs.row(channelIds[26])).toBeInViewport();
  await expect(page.getByRole('group', { name: 'Selected runs' })).toBeInViewport();
});

test('on a phone a long first message is cut short in its card instead of pushing the list sideways', async ({
  page,
  request,
}) => {
  const title = `A customer writes a very long first message about order ${Date.now()} that never seems to end at all`;
  const channelId = await dispatchRun(request, userMessage(title));
  await readAllEvents(request, channelId);
  await page.setViewportSize({ width: 390, height: 844 });
  const runs = new RunsPage(page);
  await runs.open();
  const link = runs.row(channelId).getByRole('link', { name: title });
  await expect(link).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = await link.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
});

test('on a phone the actions for selected runs stay on screen while the list scrolls', async ({ page, request }) => {
  const channelIds: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    const channelId = await dispatchRun(request, userMessage(`scrolling selection ${Date.now()} ${index}`));
    await readAllEvents(request, channelId);
    channelIds.push(channelId);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  const runs = new RunsPage(page);
  await runs.open();
  await runs.select(channelIds[11]);
  const oldest = runs.row(channelIds[0]);
  await oldest.scrollIntoViewIfNeeded();
  await runs.select(channelIds[0]);
  const retry = page.getByRole('button', { name: 'Retry selected (2)' });
  await expect(retry).toBeInViewport();
  // The bar does not cover the row it was chosen from.
  const bar = await page.getByRole('group', { name: 'Selected runs' }).boundingBox();
  const row = await oldest.boundingBox();
  expect((bar?.y ?? 0) + (bar?.height ?? 0)).toBeLessThanOrEqual(row?.y ?? 0);
});

test('a search that finds nothing offers to clear the filters', async ({ page, request }) => {
  const channelId = await dispatchRun(request, userMessage(`findable ${Date.now()}`));
  await readAllEvents(request, channelId);
  const runs = new RunsPage(page);
  await runs.open(`?q=${encodeURIComponent(`nothing-matches-${Date.now()}`)}&status=failed`);
  await expect(page.getByText('No runs match these filters.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(runs.row(channelId)).toBeVisible();
  await expect(runs.search).toHaveValue('');
  await expect(runs.statusFilter).toHaveValue('');
});

test('"Download as CSV" gives the runs the filters show, as a file a spreadsheet opens', async ({ page, request }) => {
  const marker = `download-${Date.now()}`;
  const channelIds: string[] = [];
  for (const index of [1, 2, 3]) {
    const channelId = await dispatchRun(request, userMessage(`${marker} question ${index}`));
    await readAllEvents(request, channelId);
    channelIds.push(channelId);
  }
  const runs = new RunsPage(page);
  await runs.open(`?q=${encodeURIComponent(marker)}&status=completed`);
  await expect(runs.rows).toHaveCount(3);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^runs-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync(await file.path(), 'utf8').trim().split('\r\n');
  expect(lines[0]).toMatch(/^channelId,status,title,engine,model,/);
  // The three runs the list shows, newest first.
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...channelIds].reverse());
  expect(lines[1]).toContain(`completed,${marker} question 3,local,`);
});

test('selecting every run on the page says it is this page’s only; on a phone a button selects them, its actions in reach', async ({
  page,
  request,
}) => {
  // More than a page of runs, so that "all" is this page's runs, not every run.
  for (let index = 0; index < 26; index += 1)
    await readAllEvents(request, await dispatchRun(request, userMessage(`select all ${Date.now()} ${index}`)));
  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.rows).toHaveCount(25);
  const bar = page.getByRole('group', { name: 'Selected runs' });
  await page.getByRole('checkbox', { name: 'Select every run on this page' }).check();
  await expect(bar).toContainText('All 25 runs on this page are selected; runs on other pages are not.');
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(bar).not.toContainText('selected;');

  // A phone has no table header: the bar offers the same.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('checkbox', { name: 'Select every run on this page' })).toBeHidden();
  await bar.getByRole('button', { name: 'Select all 25 on this page' }).click();
  await expect(bar).toContainText('All 25 runs on this page are selected');
  await expect(runs.rows.getByRole('checkbox', { checked: true })).toHaveCount(25);
  // Down at the last card, the actions are still on screen and take a tap.
  await runs.rows.last().scrollIntoViewIfNeeded();
  const retry = bar.getByRole('button', { name: 'Retry selected (25)' });
  await expect(retry).toBeInViewport();
  await retry.click({ trial: true, timeout: 2_000 });
  await retry.click();
  await expect(runs.dialog).toBeVisible();
  await runs.dialog.getByRole('button', { name: 'Don’t retry' }).click();
  await expect(runs.dialog).toBeHidden();
});

test('every run that matches the filters can be chosen, not only this page’s, and retried together', async ({
  page,
  request,
}) => {
  // An operator after an outage: more failed-looking runs than a page holds, all to be sent again.
  const marker = `every-match-${Date.now()}`;
  for (let index = 0; index < 27; index += 1)
    await readAllEvents(request, await dispatchRun(request, userMessage(`${marker} ${index}`)));
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(25);
  const bar = page.getByRole('group', { name: 'Selected runs' });
  await expect(bar.getByRole('button', { name: 'Select every run that matches' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Select every run on this page' }).check();
  await bar.getByRole('button', { name: 'Select every run that matches' }).click();
  await expect(bar).toContainText('All 27 runs that match the filters are selected.');
  // One request for all of them, not one per run.
  const actionRequests: string[] = [];
  page.on('request', (sent) => {
    if (sent.method() === 'POST' && /\/api\/runs\//.test(sent.url())) actionRequests.push(new URL(sent.url()).pathname);
  });
  await runs.confirmWith(bar.getByRole('button', { name: 'Retry selected (27)' }), 'Retry runs');
  await expect(runs.outcome).toHaveText('Retried 27 runs.');
  expect(actionRequests).toEqual(['/api/runs/actions']);

  // Unchoosing one run of the page goes back to the page's own choice.
  await page.getByRole('checkbox', { name: 'Select every run on this page' }).check();
  await bar.getByRole('button', { name: 'Select every run that matches' }).click();
  await expect(bar).toContainText('runs that match the filters are selected.');
  await runs.rows.first().getByRole('checkbox').uncheck();
  await expect(bar).toContainText('24 selected');

  // On a phone the page's own "select all" does not come back once every run is chosen; without a filter
  // the words say every run.
  await page.setViewportSize({ width: 390, height: 844 });
  await runs.open();
  await bar.getByRole('button', { name: /^Select all \d+ on this page$/ }).click();
  await bar.getByRole('button', { name: 'Select every run' }).click();
  // Every run the suite has made so far: "1,036", read 200 at a time.
  await expect(bar).toContainText(/All [\d,]+ runs are selected\.|The newest 10,000 runs are selected/, { timeout: 30_000 });
  await expect(bar.getByRole('button', { name: /on this page/ })).toHaveCount(0);
});

test('cancelling a mix of runs says which were left alone, before and after, across the top of the bar', async ({
  page,
  request,
}) => {
  const marker = `mixed-cancel-${Date.now()}`;
  const ended = await dispatchRun(request, { channelId: `${marker}-done`, ...userMessage('hello') });
  await readAllEvents(request, ended);
  const running = [1, 2].map((index) => `${marker}-${index}`);
  for (const channelId of running) await dispatchRun(request, { channelId, ...userMessage('repeat 100000') });
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select every run on this page' }).check();
  const bar = page.getByRole('group', { name: 'Selected runs' });
  await bar.getByRole('button', { name: 'Cancel selected (2)' }).click();
  await expect(runs.dialog).toContainText('1 of the chosen runs has already ended; it is left as it is.');
  await runs.dialog.getByRole('button', { name: 'Cancel runs' }).click();
  await expect(runs.outcome).toHaveText('Cancelled 2 runs. 1 run had already ended and was left as it was.');
  // The buttons that asked went away with the choice: focus is on what was done, once the question has closed.
  await expect(runs.dialog).toHaveCount(0);
  await expect(runs.outcome).toBeFocused();
  for (const channelId of running) await expect(runs.row(channelId)).toContainText('Cancelled');
  // Where the action was asked for, across the bar, not in a corner.
  const notice = await runs.outcome.boundingBox();
  const count = await page.getByTestId('selection-count').boundingBox();
  const barBox = await bar.boundingBox();
  expect(notice?.y ?? Infinity).toBeLessThan(count?.y ?? 0);
  expect(notice?.width ?? 0).toBeGreaterThan((barBox?.width ?? Infinity) - 2);
});

test.describe('the runs list on a touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a card’s checkbox and buttons are finger-sized targets, and a tap beside the small box chooses the run', async ({
    page,
    request,
  }) => {
    const marker = `touch-${Date.now()}`;
    const channelId = await dispatchRun(request, userMessage(`${marker} hello`));
    await readAllEvents(request, channelId);
    const runs = new RunsPage(page);
    await runs.open(`?q=${marker}`);
    const card = runs.row(channelId);
    const checkbox = card.getByRole('checkbox');
    const target = (await checkbox.locator('xpath=..').boundingBox())!;
    expect(target.width).toBeGreaterThanOrEqual(44);
    expect(target.height).toBeGreaterThanOrEqual(44);
    // A finger lands off the box's own pixels, within its target.
    await page.touchscreen.tap(target.x + 4, target.y + 4);
    await expect(checkbox).toBeChecked();
    await expect(page.getByTestId('selection-count')).toHaveText('1 selected');
    const retry = (await card.getByRole('button', { name: 'Retry' }).boundingBox())!;
    expect(retry.height).toBeGreaterThanOrEqual(44);
    expect(retry.width).toBeGreaterThanOrEqual(44);
  });
});

test('every filter shows its longest choice in full, on a phone, a small laptop and a desktop', async ({ page }) => {
  const runs = new RunsPage(page);
  await runs.open('?status=waiting');
  for (const width of [390, 1024, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await expect(runs.statusFilter).toHaveValue('waiting');
    for (const filter of [runs.statusFilter, runs.engineFilter, runs.createdFilter, runs.sourceFilter]) {
      // The choice's text measured in the select's font, beside the room inside it (its padding, and the arrow's ~24 px).
      const fits = await filter.evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const longest = Math.max(...[...select.options].map((option) => context.measureText(option.text).width));
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
        return { longest: Math.ceil(longest), room };
      });
      expect(fits.longest, `at ${width} px`).toBeLessThanOrEqual(fits.room);
    }
    // The search's hint, too, is read whole.
    const hintFits = await page.locator('#run-search').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width <= room;
    });
    expect(hintFits, `search hint at ${width} px`).toBe(true);
  }
});

test('runs with the same first message have buttons a screen reader can tell apart', async ({ page, request }) => {
  const text = `twin-${Date.now()}`;
  const ids = [await dispatchRun(request, userMessage(text)), await dispatchRun(request, userMessage(text))];
  const runs = new RunsPage(page);
  await runs.open(`?q=${text}`);
  await expect(runs.rows).toHaveCount(2);
  const names = await Promise.all(
    ids.map((id) => runs.row(id).getByRole('checkbox').getAttribute('aria-label')),
  );
  expect(names[0]).not.toBe(names[1]);
  // Each names the run as its row shows it.
  for (const [index, id] of ids.entries()) {
    expect(names[index]).toBe(`Select run: ${text} (Run …${id.slice(-8)})`);
    await expect(runs.row(id)).toContainText(`Run …${id.slice(-8)}`);
  }
});

test('the list does not ask the server for every run page it shows: a run page is fetched ahead only when reached for', async ({
  page,
  request,
}) => {
  const marker = `prefetch-${Date.now()}`;
  const ids: string[] = [];
  for (let index = 0; index < 6; index++) ids.push(await dispatchRun(request, userMessage(`${marker} ${index}`)));
  const runPageRequests: string[] = [];
  page.on('request', (sent) => {
    if (/^\/runs\/[^/]+$/.test(new URL(sent.url()).pathname) && sent.resourceType() !== 'document')
      runPageRequests.push(sent.url());
  });
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(6);
  // Time for Next's viewport prefetch to have fired, had it been on.
  await page.waitForTimeout(1_500);
  expect(runPageRequests).toEqual([]);
  // Reached for, the run's page is fetched ahead, and opens.
  const link = runs.row(ids[0]).getByRole('link', { name: `${marker} 0` });
  await link.hover();
  await expect.poll(() => runPageRequests.length).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${ids[0]}$`));
});
