// Monitoring in the browser: the overview updating live, the runs list's search and URL filters,
// live figures, row and bulk actions with confirmation, cards at phone width, toasts for runs that
// fail or wait, and webhook deliveries on a run's page.
import { execSync } from 'node:child_process';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { expect, request as requestContext, test, type APIRequestContext, type Locator } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_SECRET_FORM } from '@/lib/config';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { startServer, type RunningServer } from '../test/support/next-server';
import { dispatchRun, readAllEvents, startWaitingComparison, userMessage } from './support/api';
import { BuilderPage } from './pages/builder-page';
import { LivePage } from './pages/live-page';
import { OverviewPage } from './pages/overview-page';
import { RunsPage } from './pages/runs-page';

const fastServer = process.env.E2E_FAST_BASE_URL ?? '';

test('the overview is linked in the header, keeps its window in the URL and updates without a reload', async ({
  page,
  request,
}) => {
  const overview = new OverviewPage(page);
  await page.goto('/runs');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(overview.figures).toBeVisible();
  await expect(overview.charts.filter({ hasText: 'Runs per minute' }).locator('canvas')).toBeVisible();
  await expect(overview.charts.filter({ hasText: 'Tokens per minute' }).locator('canvas')).toBeVisible();

  const before = await overview.statusCount('completed');
  const channelId = await dispatchRun(request, userMessage(`overview ${Date.now()}`));
  await readAllEvents(request, channelId);
  // The page polls: the new run is counted without a reload.
  await expect.poll(() => overview.statusCount('completed')).toBe(before + 1);
  // Runs and tokens are totals of the window (an average over an hour read "0.0" after a burst).
  const dispatched = overview.figure('Runs dispatched');
  await expect(dispatched.locator('dd').first()).not.toHaveText('0');
  // Each figure once, in words: no rate beside the count (for an hour it repeated the count), no
  // "median · 95th percentile" (that definition is in the card's title).
  await expect(dispatched.locator('dd').last()).toHaveText('in the last hour');
  await expect(overview.figure('Output tokens').locator('dd').last()).toHaveText('written in the last hour');
  const firstToken = overview.figure('Time to first token');
  await expect(firstToken.locator('dd').first()).toHaveText(/^\d+(\.\d+)? (ms|s) typical$/);
  await expect(firstToken.locator('dd').last()).toHaveText(/^slowest 5% over \d+(\.\d+)? (ms|s)$/);
  await expect(firstToken).toHaveAttribute('title', /median.*95th percentile/);
  await expect(overview.figures).not.toContainText(/percentile|median/);

  await page.getByText('Last day', { exact: true }).click();
  await expect(page).toHaveURL(/window=day/);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Last day' })).toBeChecked();
  await page.goBack();
  await expect(page.getByRole('radio', { name: 'Last hour' })).toBeChecked();
});

test.describe('runs waiting for a person', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('the overview says first that runs wait for an answer and fail without one, and leads to them', async ({ page }) => {
    const overview = new OverviewPage(page);
    await page.goto(`${server.url}/overview`);
    await expect(overview.figures).toBeVisible();
    await expect(page.getByTestId('answers-needed')).toHaveCount(0);

    const api = await requestContext.newContext({ baseURL: server.url });
    await startWaitingComparison(api, `approvals-${Date.now()}`);
    await api.dispose();
    const note = page.getByTestId('answers-needed');
    // The page polls: no reload.
    await expect(note).toHaveText(
      '2 runs are waiting for a person’s answer, and each fails if none comes before its wait limit. Answer the waiting runs',
    );
    // Before the figures, where the eye starts.
    expect((await note.boundingBox())!.y).toBeLessThan((await overview.figures.boundingBox())!.y);
    await note.getByRole('link', { name: 'Answer the waiting runs' }).click();
    await expect(page).toHaveURL(/\/runs\?status=waiting$/);
    await expect(new RunsPage(page).statusFilter).toHaveValue('waiting');
    // Each waiting run says how long it has left to be answered (this server waits 10 minutes).
    await expect(page.getByTestId('run-answer-due')).toHaveText([
      /^Needs an answer within (10 min|9 min( \d+ s)?), or it stops$/,
      /^Needs an answer within (10 min|9 min( \d+ s)?), or it stops$/,
    ]);
  });
});

test.describe('answering many waiting runs', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('once a run is answered, its page leads to the next run waiting for an answer, the one whose wait ends first', async ({
    page,
  }) => {
    const api = await requestContext.newContext({ baseURL: server.url });
    const ask = (order: number) =>
      dispatchRun(api, {
        messages: [{ type: 'user', text: `Please lookupOrder ${order} for the operator` }],
        functions: [
          {
            name: 'lookupOrder',
            description: 'Look up an order',
            parameters: { type: 'object', properties: {} },
            result: { channel: `operator-${order}-${Date.now()}` },
          },
        ],
      });
    const first = await ask(1);
    const second = await ask(2);
    const third = await ask(3);
    await api.dispose();
    const live = new LivePage(page);
    const next = page.getByTestId('next-waiting-run');

    await page.goto(`${server.url}/runs/${first}`);
    await live.expectStatus('waiting');
    // While this run waits, its own answer comes first.
    await expect(next).toHaveCount(0);
    await live.answer('Shipped');
    await live.expectStatus('completed');
    await expect(next).toHaveText(
      /^2 other runs wait for an answer\. Answer the next: “Please lookupOrder 2 for the operator” \(within (10 min|9 min( \d+ s)?)\)$/,
    );
    await next.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/runs/${second}$`));
    await live.expectStatus('waiting');
    await live.answer('Shipped too');
    await live.expectStatus('completed');
    await expect(next).toContainText('Another run waits for an answer. Answer the next: “Please lookupOrder 3 for the operator”');
    // On a phone it spans the page below the title and status, not squeezed beside the status.
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await next.boundingBox())?.width ?? 0).toBeGreaterThan(330);
    await next.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/runs/${third}$`));
    await live.answer('And this one');
    await live.expectStatus('completed');
    // None is left waiting: nothing more to point at.
    await expect(page.getByTestId('run-story')).toBeVisible();
    await expect(next).toHaveCount(0);
  });
});

test("an ended status on the overview opens the runs list for the overview's window; a live one for now", async ({
  page,
}) => {
  const overview = new OverviewPage(page);
  await overview.open('?window=day');
  const statusLink = (status: string) => page.getByTestId(`status-${status}`).getByRole('link');
  await expect(statusLink('failed')).toHaveAttribute('href', '/runs?status=failed&since=day');
  await expect(statusLink('waiting')).toHaveAttribute('href', '/runs?status=waiting');
  await statusLink('failed').click();
  const runs = new RunsPage(page);
  await expect(runs.statusFilter).toHaveValue('failed');
  await expect(runs.createdFilter).toHaveValue('day');
});

test('a duration on the overview, typical or slowest, keeps its number and unit on one line, however narrow its box', async ({
  page,
  request,
}) => {
  await readAllEvents(request, await dispatchRun(request, userMessage(`durations ${Date.now()}`)));
  const overview = new OverviewPage(page);
  await overview.open();
  const figures = ['Time to first token', 'Duration'].flatMap((label) => [
    overview.figure(label).locator('dd').first(),
    overview.figure(label).locator('dd').last(),
  ]);
  for (const figure of figures) {
    await expect(figure).toHaveText(/\d (ms|s|min)/);
    // Every width the box might get on some screen: no "312" at a line's end with "ms" under it.
    const split = await figure.evaluate((value) => {
      const lineCount = (node: Text, start: number, end: number) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      };
      const found: string[] = [];
      for (let width = 20; width <= 240; width += 2) {
        value.style.width = `${width}px`;
        const walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          for (const match of node.data.matchAll(/\d+(?:\.\d+)? (?:ms|s|min)(?: \d+ s)?/g)) {
            if (lineCount(node, match.index, match.index + match[0].length) > 1)
              found.push(`${match[0]} at ${width}px`);
          }
        }
      }
      value.style.width = '';
      return found;
    });
    expect(split).toEqual([]);
  }
});

test("the overview charts label their axes in the app's font, in a grey readable in light and dark", async ({
  page,
}) => {
  // What the charts write on their canvas, with the font and colour of each label.
  await page.addInitScript(() => {
    const labels: { text: string; font: string; color: string }[] = [];
    (window as unknown as { chartLabels: typeof labels }).chartLabels = labels;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      labels.push({ text: String(text), font: this.font, color: String(this.fillStyle) });
      return fillText.call(this, text, ...rest);
    };
  });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await new OverviewPage(page).open();
    await expect(page.locator('figure canvas').first()).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { chartLabels: unknown[] }).chartLabels.length))
      .toBeGreaterThan(0);
    const { appFont, labels } = await page.evaluate(() => {
      // Any CSS colour (oklch included) as sRGB, read back from a pixel.
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 1;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const rgbOf = (color: string) => {
        context.clearRect(0, 0, 1, 1);
        context.fillStyle = color;
        context.fillRect(0, 0, 1, 1);
        return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      const luminance = (rgb: number[]) => {
        const [r, g, b] = rgb.map((channel) => {
          const c = channel / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const page = luminance(rgbOf(getComputedStyle(document.body).backgroundColor));
      const firstFamily = (family: string) => family.split(',')[0].trim().replace(/["']/g, '');
      const drawn = (window as unknown as { chartLabels: { text: string; font: string; color: string }[] })
        .chartLabels;
      return {
        appFont: firstFamily(getComputedStyle(document.body).fontFamily),
        labels: drawn.map((label) => {
          const text = luminance(rgbOf(label.color));
          return {
            font: firstFamily(label.font.replace(/^.*?\d+(\.\d+)?px\s+/, '')),
            contrast: (Math.max(text, page) + 0.05) / (Math.min(text, page) + 0.05),
          };
        }),
      };
    });
    for (const label of labels) {
      expect(label.font, colorScheme).toBe(appFont);
      expect(label.contrast, colorScheme).toBeGreaterThanOrEqual(4.5);
    }
  }
});

test('search and filters live in the URL: reload and back keep them', async ({ page, request }) => {
  const marker = `find-${Date.now()}`;
  const withFunction = await dispatchRun(request, {
    messages: [{ type: 'user', text: `${marker} weather please` }],
    functions: [
      {
        name: 'getForecast',
        description: 'Weather forecast',
        parameters: { type: 'object', properties: {} },
        result: { data: { sky: 'clear' } },
      },
    ],
  });
  const plain = await dispatchRun(request, userMessage(`${marker} plain question`));
  const other = await dispatchRun(request, userMessage(`unrelated ${Date.now()}`));
  for (const channelId of [withFunction, plain, other]) await readAllEvents(request, channelId);
  // A slow run, found by its (client-chosen) channel id.
  const slow = await dispatchRun(request, { channelId: `${marker}-slow`, ...userMessage('repeat 4000') });

  const runs = new RunsPage(page);
  await runs.open();
  await runs.search.fill(marker);
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));
  await expect(runs.rows).toHaveCount(3);
  await expect(runs.row(other)).toHaveCount(0);
  // The second line tells the two similar runs apart in words: the run's short id and what it can call.
  await expect(runs.row(withFunction).getByTestId('run-distinctions')).toContainText(
    'Can call: getForecast',
  );
  await expect(runs.row(plain).getByTestId('run-distinctions')).toContainText(`Run …${plain.slice(-8)}`);

  await runs.statusFilter.selectOption('completed');
  await expect(page).toHaveURL(/status=completed/);
  await expect(runs.rows).toHaveCount(2);
  await runs.createdFilter.selectOption('hour');
  await expect(page).toHaveURL(/since=hour/);
  await runs.engineFilter.selectOption('local');
  await expect(page).toHaveURL(/engine=local/);

  await page.reload();
  await expect(runs.search).toHaveValue(marker);
  await expect(runs.statusFilter).toHaveValue('completed');
  await expect(runs.createdFilter).toHaveValue('hour');
  await expect(runs.engineFilter).toHaveValue('local');
  await expect(runs.rows).toHaveCount(2);

  await page.goBack(); // before the engine filter
  await expect(runs.engineFilter).toHaveValue('');
  await page.goBack(); // before the time filter
  await page.goBack(); // before the status filter
  await expect(runs.statusFilter).toHaveValue('');
  await expect(runs.row(slow)).toBeVisible();
  // Searching by function name and by channel id finds the run too.
  // (Other specs on this server dispatch getForecast too, so only this spec's runs are counted.)
  await runs.search.fill('getforecast');
  await expect(runs.row(withFunction)).toBeVisible();
  await expect(runs.row(plain)).toHaveCount(0);
  await expect(runs.row(other)).toHaveCount(0);
  await request.post(`/api/runs/${slow}/cancel`);
});

test('the engine filter offers the engines this server runs, and keeps one a link asked for', async ({
  page,
}) => {
  const runs = new RunsPage(page);
  const engineOptions = () => runs.engineFilter.locator('option').allTextContents();
  // The main e2e server runs only the local engine; the fast one also has an OpenAI-compatible upstream.
  await runs.open();
  await expect.poll(engineOptions).toEqual(['All engines', 'local']);
  await runs.open('?engine=chatbotkit');
  await expect(runs.engineFilter).toHaveValue('chatbotkit');
  await expect.poll(engineOptions).toEqual(['All engines', 'local', 'chatbotkit']);
  await page.goto(`${fastServer}/runs`);
  await expect.poll(engineOptions).toEqual(['All engines', 'local', 'openai']);
});

test('two filters picked without waiting between them both stay: each pick builds on the latest', async ({
  page,
}) => {
  const runs = new RunsPage(page);
  await runs.open();
  await expect(runs.statusFilter).toBeEnabled();
  // One after the other with no wait for the URL in between, as fast as a person can't.
  await runs.statusFilter.selectOption('completed');
  await runs.engineFilter.selectOption('local');
  await expect(page).toHaveURL(/status=completed/);
  await expect(page).toHaveURL(/engine=local/);
  await expect(runs.statusFilter).toHaveValue('completed');
  await expect(runs.engineFilter).toHaveValue('local');

  // Within the same moment: both change events before the page can render in between.
  await page.evaluate(() => {
    for (const [id, value] of [
      ['since-filter', 'hour'],
      ['status-filter', 'failed'],
    ]) {
      const select = document.getElementById(id) as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  await expect(page).toHaveURL(/since=hour/);
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/engine=local/);
  await expect(runs.createdFilter).toHaveValue('hour');
  await expect(runs.statusFilter).toHaveValue('failed');
  await expect(runs.engineFilter).toHaveValue('local');
});

test('live runs show tokens so far and a ticking duration; row and bulk cancel / retry ask first', async ({
  page,
  request,
}) => {
  const marker = `act-${Date.now()}`;
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    ids.push(await dispatchRun(request, { channelId: `${marker}-${index}`, ...userMessage('repeat 6000') }));
  }
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(3);

  const tokens = async (channelId: string) =>
    Number((await runs.row(channelId).getByTestId('run-tokens').innerText()).replace(/[^0-9]/g, ''));
  const firstTokens = await (async () => {
    await expect.poll(() => tokens(ids[0])).toBeGreaterThan(0);
    return tokens(ids[0]);
  })();
  await expect.poll(() => tokens(ids[0])).toBeGreaterThan(firstTokens);
  const firstDuration = await runs.row(ids[0]).getByTestId('run-duration').innerText();
  await expect(runs.row(ids[0]).getByTestId('run-duration')).not.toHaveText(firstDuration);

  // One row: cancel asks first, in words for one run; keeping it running changes nothing.
  await runs
    .row(ids[0])
    .getByRole('button', { name: /^Cancel run/ })
    .click();
  await expect(runs.dialog).toContainText('Cancel this run?');
  await expect(runs.dialog).toContainText('It stops where it is');
  await runs.dialog.getByRole('button', { name: 'Keep it running' }).click();
  await expect(runs.row(ids[0])).toContainText('Running');
  await runs.confirmWith(runs.row(ids[0]).getByRole('button', { name: /^Cancel run/ }), 'Cancel run');
  await expect(runs.row(ids[0])).toContainText('Cancelled');
  // The tokens streamed before the cancel stay counted.
  expect(await tokens(ids[0])).toBeGreaterThan(firstTokens);
  await expect(runs.outcome).toHaveText('Cancelled 1 run.');

  // A selection: the other two at once.
  await runs.select(ids[1]);
  await runs.select(ids[2]);
  await runs.confirmWith(page.getByRole('button', { name: 'Cancel selected (2)' }), 'Cancel runs');
  await expect(runs.row(ids[1])).toContainText('Cancelled');
  await expect(runs.row(ids[2])).toContainText('Cancelled');
  await expect(runs.outcome).toHaveText('Cancelled 2 runs.');
  // The buttons went with the selection: focus is on what was done, not lost to the page.
  await expect(runs.outcome).toBeFocused();
  expect(await tokens(ids[1])).toBeGreaterThan(0);

  // Retry all three: three new runs, each linked to the run it retried, and each run to its retry.
  await page.getByRole('checkbox', { name: 'Select every run on this page' }).check();
  await runs.confirmWith(page.getByRole('button', { name: 'Retry selected (3)' }), 'Retry runs');
  await expect(runs.outcome).toHaveText('Retried 3 runs.');
  await expect(runs.rows).toHaveCount(6);
  for (const channelId of ids) {
    await expect(
      page.getByTestId('retry-links').filter({ hasText: `Retry of run …${channelId.slice(-8)}` }),
    ).toHaveCount(1);
    await expect(runs.row(channelId).getByRole('link', { name: /^Retried as run …/ })).toBeVisible();
  }
  // Retrying them again is a choice made knowingly: the dialog says they were retried already.
  for (const channelId of ids) await runs.select(channelId);
  await page.getByRole('button', { name: 'Retry selected (3)' }).click();
  await expect(runs.dialog).toContainText('All 3 were retried already');
  await runs.dialog.getByRole('button', { name: 'Don’t retry' }).click();
  // From a run to its retry's page.
  await runs
    .row(ids[0])
    .getByRole('link', { name: /^Retried as run …/ })
    .click();
  await page.waitForURL((url) => url.pathname.startsWith('/runs/'));
  await expect(page.getByTestId('retry-links')).toContainText(`Retry of run …${ids[0].slice(-8)}`);
  await page.goBack();
  const retries = await page
    .locator('tbody tr')
    .filter({ hasText: 'Retry of' })
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-channel-id') as string));
  for (const channelId of retries) await request.post(`/api/runs/${channelId}/cancel`);
});

test('the confirm dialog puts a bullet before each run it names and keeps a long name inside it', async ({
  page,
  request,
}) => {
  const marker = `bullets-${Date.now()}`;
  const unbroken = `${marker}-https://shop.example.com/orders/4711/tracking/parcel-details-and-every-last-step-of-the-way`;
  const ids = [
    await dispatchRun(request, userMessage(unbroken)),
    await dispatchRun(request, userMessage(`${marker} where is my parcel`)),
  ];
  for (const channelId of ids) await readAllEvents(request, channelId);
  await page.setViewportSize({ width: 390, height: 844 });
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(2);
  for (const channelId of ids) await runs.select(channelId);
  await page.getByRole('button', { name: 'Retry selected (2)' }).click();
  const items = runs.dialog.getByRole('listitem');
  await expect(items).toHaveCount(2);
  for (const item of await items.all()) {
    // A bullet is drawn outside its item's box: an item that clips what overflows it hides the bullet.
    expect(
      await item.evaluate((element) => {
        const style = getComputedStyle(element);
        return `${style.display} ${style.listStyleType} ${style.overflow}`;
      }),
    ).toBe('list-item disc visible');
  }
  // The long name wraps inside the dialog rather than running past its edge.
  const dialogBox = await runs.dialog.boundingBox();
  const longItem = await items.filter({ hasText: 'tracking' }).boundingBox();
  expect((longItem?.x ?? 0) + (longItem?.width ?? Infinity)).toBeLessThanOrEqual(
    (dialogBox?.x ?? 0) + (dialogBox?.width ?? 0),
  );
  expect(await runs.dialog.evaluate((dialog) => dialog.scrollWidth <= dialog.clientWidth)).toBe(true);
  await expect(items.filter({ hasText: 'tracking' })).toContainText(unbroken);
  await runs.dialog.getByRole('button', { name: 'Don’t retry' }).click();
  await expect(runs.dialog).toBeHidden();
});

test('disabled paging looks disabled, and at 390 px the runs are cards without sideways scrolling', async ({
  page,
  request,
}) => {
  await readAllEvents(request, await dispatchRun(request, userMessage(`card ${Date.now()}`)));
  const runs = new RunsPage(page);
  await runs.open();
  const newer = page.getByRole('button', { name: '← Newer' });
  await expect(newer).toBeDisabled();
  const look = (button: typeof newer) =>
    button.evaluate((element) => {
      const style = getComputedStyle(element);
      return `${style.color} ${style.backgroundColor}`;
    });
  // The newest run's Retry is an enabled button of the same kind.
  const enabledLook = await look(runs.rows.first().getByRole('button', { name: /^Retry run/ }));
  expect(await look(newer)).not.toBe(enabledLook);
  expect(await newer.evaluate((element) => getComputedStyle(element).cursor)).toBe('not-allowed');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(runs.rows.first()).toBeVisible();
  expect(await runs.rows.first().evaluate((row) => getComputedStyle(row).display)).toBe('flex');
  await expect(page.locator('thead')).toBeHidden();
  await expect(runs.rows.first().getByRole('checkbox')).toBeVisible();
  await expect(runs.rows.first().getByRole('link')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The four filters sit two by two under the search, so the first run still starts on the first screen.
  const topOf = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())?.y;
  expect(await topOf('Status')).toBe(await topOf('Engine'));
  expect(await topOf('Created')).toBe(await topOf('Source'));
  expect((await runs.rows.first().boundingBox())?.y ?? 1_000).toBeLessThan(500);
});

let unansweredRuns = 0;

/** Dispatches on the fast server (webhooks set up, a 4 s wait for answers); the run's channel id. */
async function dispatchOnFastServer(request: APIRequestContext, body: DispatchRequest): Promise<string> {
  const response = await request.post(`${fastServer}/api/v1/conversation/dispatch`, { data: body });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { channelId: string }).channelId;
}

/** Dispatches a run on the fast server that waits for an answer and, 4 s later, fails for want of one. */
async function dispatchUnansweredRun(request: APIRequestContext, text: string): Promise<string> {
  return dispatchOnFastServer(request, {
    messages: [{ type: 'user', text }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order',
        parameters: { type: 'object', properties: {} },
        result: { channel: `toast-${Date.now()}-${(unansweredRuns += 1)}` },
      },
    ],
  });
}

test('news of a failed run refreshes the runs list at once, so the list agrees with the toast', async ({ page, request }) => {
  const listReadAt: number[] = [];
  let failureNewsAt = 0;
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname === '/api/runs') listReadAt.push(Date.now());
  });
  page.on('response', async (answer) => {
    if (new URL(answer.url()).pathname !== '/api/runs/notices') return;
    // When its headers came: the page reads the body after that, and only then can it act on it.
    const at = Date.now();
    const body = (await answer.json().catch(() => ({ items: [] }))) as { items: { status: string }[] };
    if (!failureNewsAt && body.items.some((notice) => notice.status === 'failed')) failureNewsAt = at;
  });
  const marker = `agree-${Date.now()}`;
  const firstLook = page.waitForResponse((answer) => new URL(answer.url()).pathname === '/api/runs/notices');
  // Only failed runs: every row has ended, so the list itself polls slowly (every 4 s).
  await page.goto(`${fastServer}/runs?status=failed&q=${marker}`);
  await firstLook;
  await expect(new RunsPage(page).rows).toHaveCount(0);
  const channelId = await dispatchUnansweredRun(request, `Please lookupOrder 9 ${marker}`);
  await expect(page.getByTestId('run-toast').filter({ hasText: 'A run failed' })).toBeVisible({ timeout: 30_000 });
  // The list was read again as the news came, not at its next poll.
  await expect.poll(() => listReadAt.some((at) => at >= failureNewsAt && at - failureNewsAt < 500)).toBe(true);
  await expect(new RunsPage(page).row(channelId)).toBeVisible({ timeout: 1_000 });
});

test('a toast tells when a run starts waiting for an answer and when it fails, with a link to it', async ({
  page,
  request,
}) => {
  // The toasts announce what happens after the page's first look at the notices (older ones are not
  // news): the run is dispatched once that first look has been answered, as a person would arrive first.
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto(`${fastServer}/runs`);
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await firstLook;
  // The fast server gives up waiting after 4 s: the run waits, then fails.
  const channelId = await dispatchUnansweredRun(request, 'Please lookupOrder 7 for the toast');
  const toasts = page.getByRole('region', { name: 'Run notifications' }).getByTestId('run-toast');
  await expect(toasts.filter({ hasText: 'A run is waiting for an answer' })).toContainText('lookupOrder 7');
  const failed = toasts.filter({ hasText: 'A run failed' });
  await expect(failed).toContainText('lookupOrder 7');
  // The run's newest news replaced its older toast: it no longer says it is waiting.
  await expect(toasts).toHaveCount(1);
  await failed.getByRole('link', { name: 'Open the run' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${channelId}$`));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed');
  // What the run waited on stays in the conversation, unanswered; the error says so in words.
  const call = page.getByRole('article', { name: 'Function call Lookup order' });
  await expect(call).toContainText('No answer');
  await expect(call.getByRole('heading', { level: 3 })).toHaveText('Function Lookup order');
  const error = page.getByRole('alert').filter({ hasText: 'Error: No answer came in time.' });
  await expect(error.locator('p').first()).not.toContainText('channel');
  // The exact message (it names the channel and the setting) is there for whoever opens it.
  await error.getByText('Exact message').click();
  await expect(error).toContainText('No answer came on channel');
  await expect(error).toContainText('within 4 s, the longest a run waits here');
  // The run's own page says it at its top, not again in a toast; having seen it, the toast stays gone.
  await expect(toasts).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await expect(toasts).toHaveCount(0);
});

test("a failed run's reason is read whole: wrapped in its card on a phone, in its row at 1280 px", async ({
  page,
  request,
}) => {
  // The fast server gives up waiting after 4 s: the run fails with a long reason naming its channel.
  const channelId = await dispatchUnansweredRun(request, `Please lookupOrder 9 for the list ${Date.now()}`);
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`${fastServer}/api/runs/${channelId}?fields=run`)).json()) as {
            run: { status: string };
          }
        ).run.status,
      { timeout: 30_000 },
    )
    .toBe('failed');
  // Whether any box on the way from the text up to the page clips it at its side.
  const cutOffSideways = (element: Element) => {
    for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== 'visible' && node.scrollWidth > node.clientWidth + 1)
        return true;
    }
    return false;
  };
  const runs = new RunsPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${fastServer}/runs`);
  // In plain words, as on the run page; the exact message (channel, setting name) is its tooltip.
  const reason = runs.row(channelId).getByTestId('run-failure');
  await expect(reason).toHaveText('No answer came in time.');
  await expect(reason).toHaveAttribute('title', /No answer came on channel .*CHANNEL_WAIT_TIMEOUT_MS/);
  expect(await reason.evaluate(cutOffSideways)).toBe(false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.locator('thead')).toBeVisible();
  expect(await reason.evaluate(cutOffSideways)).toBe(false);
  // The table keeps its columns: the row's other cells are on the reason's first line, not pushed below.
  const statusBox = await runs.row(channelId).getByTestId('run-status').boundingBox();
  const titleBox = await runs.row(channelId).getByRole('link').first().boundingBox();
  expect(Math.abs((statusBox?.y ?? 0) - (titleBox?.y ?? 1000))).toBeLessThan(12);
});

test('on a phone only the newest toast shows, with how many more; failures stay until dismissed', async ({
  page,
  request,
}) => {
  await page.clock.install();
  await page.setViewportSize({ width: 390, height: 844 });
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto(`${fastServer}/runs`);
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await firstLook;
  for (const order of [1, 2, 3])
    await dispatchUnansweredRun(request, `Please lookupOrder ${order} for the phone`);
  const region = page.getByRole('region', { name: 'Run notifications' });
  const toasts = region.getByTestId('run-toast');
  await expect(toasts.filter({ hasText: 'A run failed' })).toHaveCount(3, { timeout: 30_000 });
  await expect(toasts.filter({ visible: true })).toHaveCount(1);
  await expect(region.getByText('2 more')).toBeVisible();

  // A failure does not close by itself: an operator who looked away still learns of it.
  await page.mouse.move(5, 5);
  await page.clock.fastForward(60_000);
  await expect(toasts).toHaveCount(3);
  await expect(toasts.filter({ visible: true })).toHaveCount(1);
  // Dismissed, the newest goes and the next shows.
  await toasts.filter({ visible: true }).getByRole('button', { name: 'Dismiss notification' }).click();
  await expect(toasts).toHaveCount(2);
  await expect(region.getByText('1 more')).toBeVisible();
});

test('a toast of a run waiting for an answer closes by itself unless read', async ({ page, request }) => {
  await page.clock.install();
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto('/runs');
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await firstLook;
  // On this server a run waits for its answer far longer than the test: the toast stays a waiting one.
  const title = `Please lookupOrder ${Date.now()} and wait`;
  const channelId = await dispatchRun(request, {
    messages: [{ type: 'user', text: title }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order',
        parameters: { type: 'object', properties: {} },
        result: { channel: `toast-wait-${Date.now()}` },
      },
    ],
  });
  const toast = page
    .getByRole('region', { name: 'Run notifications' })
    .getByTestId('run-toast')
    .filter({ hasText: title });
  await expect(toast).toContainText('A run is waiting for an answer', { timeout: 30_000 });
  // While the pointer rests on it, it stays; once the pointer leaves, it closes by itself.
  await toast.hover();
  await page.clock.fastForward(20_000);
  await expect(toast).toHaveCount(1);
  await page.mouse.move(5, 5);
  await page.clock.fastForward(16_000);
  await expect(toast).toHaveCount(0);
  // It would hold a run slot for its ten minutes of waiting.
  await request.post(`/api/runs/${channelId}/cancel`);
});

for (const width of [1280, 390]) {
  test(`at ${width} px every run that starts waiting is announced: beyond three, one toast counts them all and opens the list`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
    await page.goto('/overview');
    await firstLook;
    // Eight runs wait on a function whose answer goes to a channel (this server waits minutes for it).
    const stamp = Date.now();
    const channelIds = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        dispatchRun(request, {
          messages: [{ type: 'user', text: `Toast B ${index} ${stamp}` }],
          functions: [
            {
              name: 'approveRefund',
              description: 'Asks a person to approve the refund',
              parameters: { type: 'object', properties: {} },
              result: { channel: `toast-b-${stamp}-${index}` },
              call: { start: true },
            },
          ],
        }),
      ),
    );
    try {
      const region = page.getByRole('region', { name: 'Run notifications' });
      // One toast for all eight, with the true count, instead of three and five never announced.
      const summary = region.getByTestId('run-toast').filter({ hasText: '8 runs are waiting for an answer' });
      await expect(summary).toBeVisible({ timeout: 30_000 });
      await expect(region.getByTestId('run-toast').filter({ hasText: 'A run is waiting for an answer' })).toHaveCount(0);
      // On a phone it is the one toast shown: nothing is left to count as "more".
      if (width === 390) await expect(region.getByText(/\d+ more/)).toHaveCount(0);
      await summary.getByRole('link', { name: 'See them in the runs list' }).click();
      await expect(page).toHaveURL(/\/runs\?status=waiting$/);
      // Seen in the list, they are read: opening one of them does not bring the other seven back as toasts.
      await expect(region.getByTestId('run-toast')).toHaveCount(0);
      await page.getByRole('link', { name: `Toast B 0 ${stamp}`, exact: true }).first().click();
      await expect(page).toHaveURL(new RegExp(`/runs/${channelIds[0]}$`));
      // A poll of the news after the move (its later polls carry where the last one stopped).
      await page.waitForResponse((answer) => answer.url().includes('/api/runs/notices'));
      await expect(region.getByTestId('run-toast')).toHaveCount(0);
    } finally {
      for (const channelId of channelIds) await request.post(`/api/runs/${channelId}/cancel`);
    }
  });
}

test('on a phone, a toast sits above the builder’s Dispatch bar instead of over its button', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto(`${fastServer}/`);
  const dispatchBar = page.getByTestId('dispatch-bar');
  await expect(dispatchBar.getByRole('button', { name: 'Dispatch' })).toBeVisible();
  await firstLook;
  await dispatchUnansweredRun(request, 'Please lookupOrder 8 for the builder');
  const toast = page.getByRole('region', { name: 'Run notifications' }).getByTestId('run-toast').first();
  await expect(toast).toBeVisible();
  const toastBox = (await toast.boundingBox())!;
  const barBox = (await dispatchBar.boundingBox())!;
  expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(barBox.y);
  // The button takes a tap again: nothing lies over it.
  await dispatchBar.getByRole('button', { name: 'Dispatch' }).click({ trial: true, timeout: 2_000 });
});

test('on a phone the builder’s Undo notice and a run’s toast stack one above the other', async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await new BuilderPage(page).openFresh(`${fastServer}/`);
  const dispatchBar = page.getByTestId('dispatch-bar');
  await expect(dispatchBar.getByRole('button', { name: 'Dispatch' })).toBeVisible();
  await firstLook;
  // A filled-in message removed: the builder offers it back.
  await page.getByRole('group', { name: 'Message 1', exact: true }).getByLabel('Text').fill('Keep me');
  await page.getByRole('button', { name: 'Remove message 1' }).click();
  const undo = page.getByRole('status').filter({ hasText: 'Removed' });
  await expect(undo.getByRole('button', { name: 'Undo' })).toBeVisible();
  await dispatchUnansweredRun(request, 'Please lookupOrder 10 for the stack');
  // On a phone one toast shows (the newest: an earlier test's run may fail meanwhile and be the one).
  const toast = page.getByRole('region', { name: 'Run notifications' }).getByTestId('run-toast').filter({ visible: true });
  await expect(toast).toHaveCount(1);
  const toastBox = (await toast.boundingBox())!;
  const undoBox = (await undo.boundingBox())!;
  const barBox = (await dispatchBar.boundingBox())!;
  const apart = (a: typeof toastBox, b: typeof toastBox) =>
    a.y + a.height <= b.y || b.y + b.height <= a.y || a.x + a.width <= b.x || b.x + b.width <= a.x;
  expect(apart(toastBox, undoBox), 'the two notices do not overlap').toBe(true);
  // Both above the Dispatch bar, and each takes a tap.
  expect(Math.max(toastBox.y + toastBox.height, undoBox.y + undoBox.height)).toBeLessThanOrEqual(barBox.y);
  await undo.getByRole('button', { name: 'Undo' }).click({ trial: true, timeout: 2_000 });
  await toast.getByRole('link', { name: 'Open the run' }).click({ trial: true, timeout: 2_000 });
});

/** Runs `during` while a webhook receiver answers with `handle` on the port the fast server sends to. */
async function withWebhookReceiver(handle: http.RequestListener, during: () => Promise<void>): Promise<void> {
  const receiver = http.createServer(handle);
  await new Promise<void>((resolve) =>
    receiver.listen(Number(process.env.E2E_WEBHOOK_PORT), '127.0.0.1', resolve),
  );
  try {
    await during();
  } finally {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

test('a run’s page lists its webhook deliveries: time, receiver, attempt and answer', async ({
  page,
  request,
}) => {
  const seen = new Set<string>();
  const refuseFirstAttempts: http.RequestListener = (incoming, answer) => {
    incoming.resume();
    // The first attempt of every event is refused, so the run shows a retry.
    const id = String(incoming.headers['webhook-id']);
    answer.writeHead(seen.has(id) ? 200 : 503).end();
    seen.add(id);
  };
  await withWebhookReceiver(refuseFirstAttempts, async () => {
    const channelId = await dispatchOnFastServer(request, userMessage('webhook delivery view'));
    await page.goto(`${fastServer}/runs/${channelId}`);
    const deliveries = page.getByRole('region', { name: 'Webhook deliveries' });
    const attempts = deliveries.getByTestId('webhook-delivery');
    await expect(attempts.filter({ hasText: 'Delivered (200)' })).toBeVisible();
    await expect(attempts.first()).toContainText('run.completed');
    // The refused attempt was followed by one that delivered: it says so, not the "next try" it had planned,
    // and not in a failure's red.
    await expect(attempts.first()).toContainText('The receiver answered 503 — delivered on attempt 2');
    await expect(attempts.first().getByText('— delivered on attempt 2')).not.toHaveClass(/text-red/);
    await expect(attempts.nth(1)).toContainText('2');
    await expect(deliveries).toContainText(`127.0.0.1:${process.env.E2E_WEBHOOK_PORT}/hooks`);
    // On a phone the answer has the width to be read, without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const answer = attempts.first().locator('td').last();
    expect((await answer.boundingBox())?.width ?? 0).toBeGreaterThan(150);
    const table = deliveries.locator('table');
    expect(
      await table.evaluate((element) => element.scrollWidth <= (element.parentElement?.clientWidth ?? 0)),
    ).toBe(true);
    // And the receiver is shown whole on each attempt, not cut off or left out.
    for (const attempt of await attempts.all()) await expectReceiverShownWhole(attempt);
  });
});

/** The attempt's receiver is on screen in full: within the viewport's width and not clipped by its box. */
async function expectReceiverShownWhole(attempt: Locator): Promise<void> {
  const receiver = attempt
    .getByText(`http://127.0.0.1:${process.env.E2E_WEBHOOK_PORT}/hooks`, { exact: false })
    .filter({ visible: true });
  await expect(receiver).toHaveCount(1);
  const box = (await receiver.boundingBox())!;
  const width = attempt.page().viewportSize()?.width ?? 0;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(await receiver.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  // Wrapped where its parts meet, if at all: its host and port stay on one line ("127.0.0.1:" over "4000" before).
  const host = `127.0.0.1:${process.env.E2E_WEBHOOK_PORT}`;
  const hostLines = await receiver.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent !== text) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }
    return 0;
  }, host);
  expect(hostLines).toBe(1);
}

test('the webhooks page shows the receivers, sends a signed test event and lists deliveries across runs', async ({
  page,
  request,
}) => {
  const verifier = new Webhook(process.env.E2E_WEBHOOK_SECRET as string);
  const received: { type: string; verified: boolean }[] = [];
  const verifyAndAccept: http.RequestListener = (incoming, answer) => {
    let body = '';
    incoming.on('data', (chunk) => (body += chunk));
    incoming.on('end', () => {
      let verified = true;
      try {
        verifier.verify(body, incoming.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      received.push({ type: (JSON.parse(body) as { type: string }).type, verified });
      answer.writeHead(204).end();
    });
  };
  await withWebhookReceiver(verifyAndAccept, async () => {
    const channelId = await dispatchOnFastServer(request, userMessage('webhooks page delivery'));
    await page.goto(`${fastServer}/webhooks`);
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page');
    const receivers = page.getByRole('region', { name: 'Receivers' });
    await expect(receivers).toContainText(`http://127.0.0.1:${process.env.E2E_WEBHOOK_PORT}/hooks`);
    // Each event in words first, then its name as the receiver's program sees it.
    await expect(page.getByRole('region', { name: 'What is sent' }).getByRole('listitem')).toHaveText([
      'A run starts waiting for an answer run.waiting',
      'A run completes run.completed',
      'A run fails run.failed',
      'A run is cancelled run.cancelled',
    ]);

    await receivers.getByRole('button', { name: 'Send a test event' }).click();
    await expect(page.getByRole('status', { name: 'Test event results' })).toContainText(
      /✓ http:\/\/127\.0\.0\.1:\d+\/hooks answered 204 in \d+ ms/,
    );
    expect(received).toContainEqual({ type: 'webhook.test', verified: true });

    // The run's delivery shows up (the list polls), linked to its run.
    const recent = page.getByRole('region', { name: 'Recent deliveries' });
    const row = recent.getByTestId('webhook-delivery').filter({
      has: page.getByRole('link', { name: `Run …${channelId.slice(-8)}` }),
    });
    await expect(row.first()).toContainText('Delivered (204)', { timeout: 15_000 });
    await expect(row.first()).toContainText('run.completed');
    // On a phone the receiver is still shown, whole, and the run under the time, so the answer has the
    // width to be read.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectReceiverShownWhole(row.first());
    await expect(row.first().getByRole('link', { name: `Run …${channelId.slice(-8)}` })).toBeVisible();
    expect((await row.first().locator('td').last().boundingBox())?.width ?? 0).toBeGreaterThan(150);
    await page.setViewportSize({ width: 1280, height: 900 });
    await row.first().getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/runs/${channelId}$`));
  });
});

test('without a receiver the webhooks page says how to set one up, and a test event is refused in words', async ({
  page,
  request,
}) => {
  await page.goto('/webhooks');
  await expect(page.getByRole('region', { name: 'Receivers' })).toContainText(
    'No receiver is set up, so no webhooks are sent.',
  );
  await expect(page.getByRole('button', { name: 'Send a test event' })).toHaveCount(0);
  // The steps' first command makes a secret the server takes.
  const setup = page.getByTestId('receiver-setup');
  const makeSecret = (await setup.locator('pre').first().textContent())!;
  expect(execSync(makeSecret, { encoding: 'utf8' }).trim()).toMatch(WEBHOOK_SECRET_FORM);
  await expect(setup.locator('pre').nth(1)).toContainText('WEBHOOK_URL=');
  await expect(setup.getByRole('button', { name: 'Copy' })).toHaveCount(2);
  const refused = await request.post('/api/webhooks/test');
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { message: string }).message).toContain('No webhook receiver is set up');
});

test('the overview page loads at most 300 kB of JavaScript, gzipped', async ({ page }) => {
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  });
  await page.goto('/overview');
  await expect(page.locator('figure canvas').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const scripts = await Promise.all(bodies);
  const gzipKb = scripts.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0) / 1000;
  console.log(
    JSON.stringify({ figure: 'overview-js', scripts: scripts.length, gzipKb: Math.round(gzipKb * 10) / 10 }),
  );
  expect(gzipKb).toBeLessThanOrEqual(300);
});
