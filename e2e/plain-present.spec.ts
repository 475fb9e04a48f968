// What a presenter shows to people who are not developers: the builder's message types in words, runs told
// apart in words, the live run's figures without jargon, a run page whose title does not flash, and a
// presented run that keeps its title in view when it starts waiting for an answer.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { BuilderPage } from './pages/builder-page';
import { LivePage } from './pages/live-page';
import { RunsPage } from './pages/runs-page';
import { dispatchRun, readAllEvents, userMessage } from './support/api';

test.describe('the builder', () => {
  test('names message types in words, and sends the request’s own word', async ({ page }) => {
    const builder = new BuilderPage(page);
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await builder.open();
    const type = builder.message(0).getByLabel('Type');
    await expect(type.locator('option')).toHaveText([
      'Person',
      'Bot',
      'Bot’s notes',
      'Background',
      'Rule',
      'Backstory',
      'What happened',
      'Summary so far',
    ]);
    await type.selectOption({ label: 'Background' });
    await expect(type.locator('option:checked')).toHaveText('Background');
    await builder.expectPreview({ messages: [{ type: 'context' }] });
  });
});

test.describe('the runs list', () => {
  test('tells runs apart in words: "Run …" and "Can call:", not "#…" and "functions:"', async ({ page, request }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'Plain words: what is the weather in Paris?' }],
      functions: [
        {
          name: 'getForecast',
          description: 'The weather forecast for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
          result: { data: { forecast: 'sunny' } },
        },
      ],
    });
    await readAllEvents(request, channelId);
    const runs = new RunsPage(page);
    await runs.open();
    const line = runs.row(channelId).getByTestId('run-distinctions');
    await expect(line).toHaveText(`Run …${channelId.slice(-8)} · Can call: getForecast`);
    await expect(runs.row(channelId)).not.toContainText('#');
    // An operator's screen keeps the word "tokens", and says what it is.
    await expect(page.getByText('A token is a word or part of a word', { exact: false })).toBeVisible();
  });

  test('the overview says what a token is', async ({ page }) => {
    await page.goto('/overview');
    await expect(page.getByText('Tokens per minute').first()).toBeVisible();
    await expect(page.getByText('A token is a word or part of a word', { exact: false })).toBeVisible();
    // Tied to the run page's word for the same measure.
    await expect(page.getByText('a run’s own page calls tokens “text pieces”', { exact: false })).toBeVisible();
  });
});

test.describe('the live run', () => {
  test('says what its figures count without the word "tokens"', async ({ page, request }) => {
    const live = new LivePage(page);
    await live.openCompletedRun(request, 'Plain figures: tell me about the weather');
    const figures = page.getByTestId('run-figures');
    await expect(figures).toContainText('Text pieces received');
    await expect(figures).toContainText('Text pieces per second');
    await expect(figures).toContainText('Reply began after');
    await expect(figures).not.toContainText(/token/i);
    const outcome = page.getByTestId('run-usage');
    await expect(outcome).toContainText('Text pieces read');
    await expect(outcome).toContainText('Text pieces written');
    await expect(outcome).not.toContainText(/token/i);
    // The first time the words appear they say what a piece is.
    await expect(figures.getByText('A text piece is a word or part of a word', { exact: false })).toBeVisible();
  });

  test('names who speaks in the builder’s words: "Person" and "Bot", not "User"', async ({ page, request }) => {
    const live = new LivePage(page);
    await live.openCompletedRun(request, 'Plain speakers: hello there');
    await expect(live.transcript.getByText('Person', { exact: true })).toBeVisible();
    await expect(live.transcript.getByText('Bot', { exact: true })).toBeVisible();
    await expect(live.transcript.getByText('User', { exact: true })).toHaveCount(0);
  });

  test('after Dispatch, the heading shows the run’s title from the first paint to the end, and the conversation sent with it', async ({ page }) => {
    // Every text the run page's heading shows, from the moment the page is shown, and what its transcript
    // held then.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { headingsSeen: seen });
      const record = () => {
        if (!location.pathname.startsWith('/runs/')) return;
        const text = document.querySelector('main h1')?.textContent ?? '';
        if (seen.length === 0)
          Object.assign(window, {
            transcriptAtFirstPaint: document.querySelector('main [aria-label="Transcript"]')?.textContent ?? '',
          });
        if (seen.at(-1) !== text) seen.push(text);
      };
      new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const builder = new BuilderPage(page);
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await builder.open();
    const title = `A short run ${Date.now()}`;
    await builder.message(0).getByLabel('Text').fill(title);
    await builder.dispatchButton.click();
    await page.waitForURL(/\/runs\//);
    await new LivePage(page).expectStatus('completed');
    expect(await page.evaluate(() => (window as unknown as { headingsSeen: string[] }).headingsSeen)).toEqual([title]);
    // The person's own message was there too, not an empty page until the run's channel had answered.
    expect(
      await page.evaluate(() => (window as unknown as { transcriptAtFirstPaint: string }).transcriptAtFirstPaint),
    ).toContain(title);
  });
});

test.describe('presenting a run that starts waiting', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    // One run at a time: a run waits in the queue, shown, until the one before it ends.
    server = await startServer({ env: { LOCAL_TOKEN_DELAY_MS: '5', MAX_CONCURRENT_RUNS: '1' } });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  const asksWarehouse = (channel: string) => ({
    messages: [{ type: 'user' as const, text: 'Please askWarehouse how many blue mugs are left' }],
    functions: [
      {
        name: 'askWarehouse',
        description: 'Asks the warehouse how many are left',
        parameters: { type: 'object' as const, properties: {} },
        result: { channel },
      },
    ],
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    test(`keeps the title in view as the answer box comes into view at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      // A long reply holds the only slot until it is cancelled.
      const before = await post(server.url, '/api/v1/conversation/dispatch', userMessage('repeat 5000'));
      const shown = await post(server.url, '/api/v1/conversation/dispatch', asksWarehouse(`shown-${Date.now()}`));
      const live = new LivePage(page);
      await page.goto(`${server.url}/runs/${shown}?present=1`);
      await live.expectStatus('queued');
      const title = page.getByRole('heading', { level: 1 });
      await expect(title).toHaveText('Please askWarehouse how many blue mugs are left');
      // The run before it ends: the shown run starts, and waits for an answer at once.
      await post(server.url, `/api/runs/${before}/cancel`);
      await live.expectStatus('waiting');
      const answerBox = page.getByRole('form', { name: 'Answer the function' }).getByLabel('Your answer');
      await expect(answerBox).toBeInViewport();
      await expectSteadyScroll(page);
      await expect(title).toBeInViewport({ ratio: 1 });
      await expect(answerBox).toBeInViewport();
      await post(server.url, `/api/runs/${shown}/cancel`);
    });
  }
});

async function post(baseUrl: string, path: string, body: unknown = {}): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return ((await response.json()) as { channelId?: string }).channelId ?? '';
}

/** Waits until the page's scroll position holds over a few frames (a follow has been made, if any). */
async function expectSteadyScroll(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const before = window.scrollY;
        for (let i = 0; i < 5; i += 1) await new Promise(requestAnimationFrame);
        return window.scrollY === before;
      }),
    )
    .toBe(true);
}
