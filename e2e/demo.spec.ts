// Demo mode (issue 15) in Chromium: answers reach the run they were given in, the waiting moment
// explains itself, the transcript comes first, replies are formatted Markdown (safely), presentation
// mode, share links, the server's times, and phones.
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { dispatchRun, readAllEvents, userMessage } from './support/api';
import { LivePage } from './pages/live-page';
import { ShareDialog } from './pages/share-dialog';

const lookupOrder = (channel: string) => ({
  messages: [{ type: 'user' as const, text: 'Please lookupOrder for order 42 in March' }],
  functions: [
    {
      name: 'lookupOrder',
      description: 'Looks up an order by its number',
      parameters: {
        type: 'object' as const,
        properties: { orderNumber: { type: 'integer', description: 'The order number' } },
      },
      result: { channel },
    },
  ],
});

/** A short run, read to its end, then opened in presentation mode. */
async function presentCompletedRun(page: Page, request: APIRequestContext) {
  const channelId = await dispatchRun(request, userMessage('What is the status of my order?'));
  await readAllEvents(request, channelId);
  const live = new LivePage(page);
  await live.open(channelId, '?present=1');
  await live.expectStatus('completed');
  return { channelId, live };
}

async function statusOf(request: APIRequestContext, channelId: string): Promise<string> {
  return ((await (await request.get(`/api/runs/${channelId}`)).json()) as { run: { status: string } }).run
    .status;
}

test.describe('answers', () => {
  test("an answer in run B's page completes B and leaves A, waiting on the same channel, waiting", async ({
    page,
    request,
  }) => {
    const channel = `approvals-${Date.now()}`;
    const runA = await dispatchRun(request, lookupOrder(channel));
    const runB = await dispatchRun(request, lookupOrder(channel));
    await expect.poll(() => statusOf(request, runA)).toBe('waiting');
    const live = new LivePage(page);
    await live.open(runB);
    await live.expectStatus('waiting');
    await live.answer('approved by B');
    await live.expectStatus('completed');
    await expect(live.functionCard('Lookup order')).toContainText('approved by B');
    expect(await statusOf(request, runA)).toBe('waiting');
    await request.post(`/api/runs/${runA}/cancel`);
  });
});

test.describe('the waiting moment', () => {
  test('shows the function, its description and its arguments as fields before the answer; plain text goes as a string', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, lookupOrder(`explain-${Date.now()}`));
    const live = new LivePage(page);
    await live.open(channelId);
    const card = live.waitingCard('Lookup order');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Looks up an order by its number');
    await expect(card.locator('dt')).toHaveText(['Order number']);
    await expect(card.locator('dd')).toHaveText(['42']);
    await expect(card).not.toContainText('{');
    await live.answer('Shipped on Monday');
    await live.expectStatus('completed');
    const events = await readAllEvents(request, channelId);
    const activity = events.find(
      (line) => line.data.type === 'message' && line.data.data.type === 'activity',
    );
    expect((activity?.data.data.meta as { function: { result: unknown } }).function.result).toBe(
      'Shipped on Monday',
    );
  });
});

test.describe('transcript first', () => {
  test('folds the events behind "Show events", remembered per browser, and states the outcome in plain words', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 40'));
    await readAllEvents(request, channelId);
    const live = new LivePage(page);
    await page.goto('/');
    await page.evaluate(() => localStorage.removeItem('dispatch-studio.live.events-open'));
    await live.open(channelId);
    await live.expectStatus('completed');
    await expect(live.story).toHaveText(/^Completed in \d+(\.\d)? (ms|s) · 40 words$/);
    await expect(live.timeline).toHaveCount(0);
    await live.showEvents();
    await page.reload();
    await expect(live.timeline).toBeVisible();
    await page.getByText('Hide events').click();
    await page.reload();
    await live.expectStatus('completed');
    await expect(live.timeline).toHaveCount(0);
  });

  /** A run long enough to follow for a while, on a screen it soon outgrows. */
  async function openLongRun(page: Page, request: APIRequestContext) {
    await page.setViewportSize({ width: 1280, height: 500 });
    const channelId = await dispatchRun(request, userMessage('repeat 3000'));
    const live = new LivePage(page);
    await live.open(channelId);
    return { channelId, live };
  }

  test('while running, the elapsed time ticks and words per second show; the page follows new text until the reader scrolls up', async ({
    page,
    request,
  }) => {
    const { channelId, live } = await openLongRun(page, request);
    await expect(live.story).toHaveText(/^Running · [\d.]+ (ms|s) · [\d,]+ words · [\d.,]+ words\/s$/);
    const first = await live.story.textContent();
    await expect.poll(() => live.story.textContent()).not.toBe(first);
    await expect(page.getByText('Text pieces per second').locator('..')).not.toContainText('—');
    // Following: the bottom of the page stays in view as the reply grows.
    const atBottom = () => live.atBottom();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight * 2))
      .toBe(true);
    await expect.poll(atBottom).toBe(true);
    // Scrolled up: it stays put and offers to jump.
    await page.mouse.wheel(0, -2000);
    const jump = live.jumpToLatest;
    await expect(jump).toBeVisible();
    const scrolled = await page.evaluate(() => window.scrollY);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight))
      .toBeGreaterThan((await page.evaluate(() => document.documentElement.scrollHeight)) + 200);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await jump.click();
    await expect.poll(atBottom).toBe(true);
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('a reply the page follows is still followed after Present, and again after leaving it with Esc', async ({
    page,
    request,
  }) => {
    const { channelId, live } = await openLongRun(page, request);
    const atBottom = () => live.atBottom();
    const jump = live.jumpToLatest;
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.getByRole('link', { name: 'Present' }).click();
    await expect(page).toHaveURL(/present=1/);
    // Switching views is not the presenter scrolling up: the presented reply is followed as it grows.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
    await expect.poll(atBottom).toBe(true);
    await expect(jump).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
    await expect.poll(atBottom).toBe(true);
    await expect(jump).toHaveCount(0);
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('a stopped run says what happened and what to do (failures: see lib/client/run-story.test.ts)', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, lookupOrder(`never-${Date.now()}`));
    await expect.poll(() => statusOf(request, channelId)).toBe('waiting');
    const live = new LivePage(page);
    await live.open(channelId);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Cancel this run?' })
      .getByRole('button', { name: 'Cancel run' })
      .click();
    await live.expectStatus('cancelled');
    await expect(live.story).toContainText(/Cancelled after [\d.]+ (ms|s).*Retry to run it again\./);
  });
});

test.describe('replies as formatted text', () => {
  test('renders lists, bold, code and tables; drops unsafe links, keeps raw HTML as text, marks external links', async ({
    page,
    request,
  }) => {
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'tell me about the delivery' }],
      functions: [
        {
          name: 'getOrderStatus',
          description: 'Order status',
          parameters: { type: 'object', properties: {} },
          result: { data: { orderId: 'A-17', status: 'shipped' } },
          call: { start: true },
        },
      ],
      extensions: {
        datasets: [
          {
            name: 'Delivery',
            records: [
              {
                text: 'The delivery is **fast** with `express` — see [tracking](https://example.com/track) or [evil](javascript:alert(1)) <img src=x onerror=alert(2)>',
              },
            ],
          },
        ],
      },
    });
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    const reply = page.getByTestId('reply-text');
    await expect(reply.locator('strong', { hasText: 'fast' })).toBeVisible();
    await expect(reply.locator('code', { hasText: 'express' })).toBeVisible();
    await expect(reply.locator('ul > li').first()).toBeVisible();
    // The function's result reads as a small table, not JSON.
    await expect(reply.locator('table')).toContainText(/Order ID\s*A-17/);
    await expect(reply).not.toContainText('{"orderId"');
    const safe = reply.getByRole('link', { name: 'tracking' });
    await expect(safe).toHaveAttribute('href', 'https://example.com/track');
    await expect(safe).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(reply.getByRole('link', { name: 'evil' })).toHaveCount(0);
    await expect(reply.locator('[href^="javascript"]')).toHaveCount(0);
    await expect(reply).toContainText('<img src=x onerror=alert(2)>');
    await expect(page.locator('main img')).toHaveCount(0);
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
  });

  test('streams without re-rendering finished blocks: a finished paragraph keeps its element while text is added', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 4000'));
    const live = new LivePage(page);
    await live.open(channelId);
    // A long paragraph is rendered in chunks; the first chunk's element stays the same node as text grows.
    const firstChunk = page.getByTestId('reply-text').locator('p > span').first();
    await expect(firstChunk).toBeVisible({ timeout: 30_000 });
    await firstChunk.evaluate((element) => element.setAttribute('data-marked', 'yes'));
    const length = (await live.replyText()).length;
    await expect.poll(async () => (await live.replyText()).length).toBeGreaterThan(length + 2000);
    await expect(page.getByTestId('reply-text').locator('p > span').first()).toHaveAttribute(
      'data-marked',
      'yes',
    );
    await request.post(`/api/runs/${channelId}/cancel`);
  });
});

/** At 390 px, a run whose question calls `functionName` and waits for its answer, opened in presentation mode. */
async function presentWaitingOnPhone(
  page: Page,
  request: APIRequestContext,
  question: string,
  functionName: string,
): Promise<string> {
  await page.setViewportSize({ width: 390, height: 844 });
  const channelId = await dispatchRun(request, {
    messages: [{ type: 'user', text: question }],
    functions: [
      {
        name: functionName,
        description: 'Asks a person to approve it',
        parameters: { type: 'object', properties: {} },
        result: { channel: `present-phone-${Date.now()}` },
      },
    ],
  });
  const live = new LivePage(page);
  await live.open(channelId, '?present=1');
  await live.expectStatus('waiting');
  return channelId;
}

test('presented, the answer form is as large as the card around it, and still fits a phone', async ({
  page,
  request,
}) => {
  await presentWaitingOnPhone(page, request, 'Please approveRefund for order 7', 'approveRefund');
  const send = page.getByRole('button', { name: 'Send answer' });
  await expect(send).toBeVisible();
  // A button of the normal size is 32 px high.
  expect((await send.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(40);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = await page.getByLabel('Your answer').boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
});

test.describe('presentation mode on a touch phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('shows a way out that a finger can tap, with no keyboard', async ({ page, request }) => {
    const { channelId } = await presentCompletedRun(page, request);
    const leave = page.getByRole('link', { name: 'Leave the presentation' });
    await expect(leave).toBeVisible();
    await expect(leave).toBeInViewport({ ratio: 1 });
    // One short word (no "(Esc)" where there is no keyboard), so the status line keeps its room.
    expect(await leave.innerText()).toBe('Leave');
    const box = await leave.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await leave.tap();
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
  });

  test('while a long reply streams and the page follows it, the way out stays on screen to tap', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 2000'));
    const live = new LivePage(page);
    await live.open(channelId, '?present=1');
    // Followed thousands of pixels down the reply (the link in the title's place went off screen there).
    await expect.poll(() => page.evaluate(() => window.scrollY), { timeout: 30_000 }).toBeGreaterThan(2000);
    const leave = page.getByRole('link', { name: 'Leave the presentation' });
    await expect(leave).toBeInViewport({ ratio: 1 });
    // Beside the run's status, which keeps two lines of the room's view (three with the link's whole words).
    expect((await page.getByTestId('run-story').boundingBox())?.height ?? Infinity).toBeLessThan(90);
    // Its figures ("13.7 s", "420 words") are each kept whole: a line breaks at a dot between them.
    const figures = page.getByTestId('run-story').getByTestId('headline-figure');
    expect(await figures.count()).toBeGreaterThanOrEqual(2);
    const linesPerFigure = await figures.evaluateAll((spans) =>
      spans.map((span) => span.getClientRects().length),
    );
    expect(linesPerFigure.every((lines) => lines === 1)).toBe(true);
    const box = await leave.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await leave.tap();
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await request.post(`/api/runs/${channelId}/cancel`);
  });
});

test.describe('presentation mode', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`?present=1 shows large type with no navigation or actions at 1280×720 (${colorScheme})`, async ({
      page,
      request,
    }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 1280, height: 720 });
      const channelId = await dispatchRun(request, userMessage('What is the status of my order?'));
      await readAllEvents(request, channelId);
      const live = new LivePage(page);
      await live.open(channelId);
      await page.getByRole('link', { name: 'Present' }).click();
      await expect(page).toHaveURL(/present=1/);
      await live.expectStatus('completed');
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await expect(page.getByRole('button')).toHaveCount(0);
      await expect(page.getByText(/Show events/)).toHaveCount(0);
      const size = await page
        .locator('[data-role="user"]')
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(size).toBeGreaterThanOrEqual(28);
      // The status reads from the back of the room too, not in the list's small print.
      const statusSize = await page
        .getByTestId('run-status')
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
      expect(statusSize).toBeGreaterThanOrEqual(24);
      await page.screenshot({ path: `test-results/screenshots/present-1280-${colorScheme}.png` });
      // The way out: a link to leave shows when focused, and Esc leaves too.
      const leave = page.getByRole('link', { name: 'Leave the presentation (Esc)' });
      await leave.focus();
      expect((await leave.boundingBox())?.width ?? 0).toBeGreaterThan(100);
      await page.keyboard.press('Escape');
      await expect(page).not.toHaveURL(/present=1/);
      await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
    });
  }

  test('a run waiting for an answer opens with its title whole at 1280×720, and is answered in plain text with no JSON switch', async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const channelId = await dispatchRun(request, lookupOrder(`present-top-${Date.now()}`));
    // Opened once the run waits, as a presenter opens it (a run that starts waiting while shown is followed
    // to its answer box instead).
    await expect
      .poll(async () => (await (await request.get(`/api/runs/${channelId}?fields=run`)).json()).run.status)
      .toBe('waiting');
    const live = new LivePage(page);
    await live.open(channelId, '?present=1');
    await live.expectStatus('waiting');
    const title = page.getByRole('heading', { level: 1 });
    // The run's record has come (the page followed from then on) and the waiting card is laid out.
    await expect(title).toHaveText('Please lookupOrder for order 42 in March');
    await expect(live.waitingCard('Lookup order')).toBeVisible();
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(title).toBeInViewport({ ratio: 1 });
    await expect(live.status).toBeInViewport({ ratio: 1 });
    // The room sees no developer's switch or word about JSON; the answer goes as plain text.
    const form = page.getByRole('form', { name: 'Answer the function' });
    await expect(form.getByRole('checkbox')).toHaveCount(0);
    await expect(form).not.toContainText('JSON');
    // Send is on screen with the title: the presenter answers without scrolling in front of the room.
    await expect(form.getByRole('button', { name: 'Send answer' })).toBeInViewport({ ratio: 1 });
    await form.getByLabel('Your answer').fill('Shipped on Monday');
    await form.getByRole('button', { name: 'Send answer' }).click();
    await live.expectStatus('completed');
    await expect(live.functionCard('Lookup order')).toContainText('Shipped on Monday');
  });

  test('the outcome stays on screen while a long reply is followed to its end', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const channelId = await dispatchRun(request, userMessage('repeat 1500'));
    await readAllEvents(request, channelId);
    const live = new LivePage(page);
    await live.open(channelId, '?present=1');
    await live.expectStatus('completed');
    // The status can read "completed" before the last of the long reply is laid out: scroll to the
    // bottom again until the page is long enough to be scrolled.
    await expect
      .poll(() =>
        page.evaluate(() => {
          window.scrollTo(0, document.documentElement.scrollHeight);
          return window.scrollY;
        }),
      )
      .toBeGreaterThan(500);
    await expect(live.story).toBeInViewport({ ratio: 1 });
    await expect(live.story).toContainText('Completed');
  });

  test('moving the mouse shows the way out for a moment, resting on it keeps it, and a click leaves', async ({
    page,
    request,
  }) => {
    const { channelId } = await presentCompletedRun(page, request);
    const leave = page.getByRole('link', { name: 'Leave the presentation (Esc)' });
    const width = async () => (await leave.boundingBox())?.width ?? 0;
    // Nothing for the room to see until the presenter moves the mouse.
    expect(await width()).toBeLessThan(2);
    await page.mouse.move(600, 400);
    await page.mouse.move(640, 420);
    await expect.poll(width).toBeGreaterThan(100);
    await expect(leave).toBeInViewport();
    // It goes again a few seconds after the mouse stops.
    await expect.poll(width, { timeout: 8_000 }).toBeLessThan(2);
    // Resting on it keeps it, though the mouse has stopped.
    await page.mouse.move(620, 410);
    await expect.poll(width).toBeGreaterThan(100);
    await leave.hover();
    await page.waitForTimeout(3_500);
    expect(await width()).toBeGreaterThan(100);
    await leave.click();
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
  });

  test("the first Tab shows the way out, and Enter on it opens the run's own page", async ({
    page,
    request,
  }) => {
    const { channelId } = await presentCompletedRun(page, request);
    await page.keyboard.press('Tab');
    const leave = page.getByRole('link', { name: 'Leave the presentation (Esc)' });
    await expect(leave).toBeFocused();
    // Shown, not the one-pixel box it keeps while unfocused.
    await expect(leave).toBeInViewport();
    expect((await leave.boundingBox())?.width ?? 0).toBeGreaterThan(100);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
  });

  test("switched to from the run's page with the keyboard, the next Tab reaches the way out, also while the run waits for an answer", async ({
    page,
    request,
  }) => {
    const waiting = await dispatchRun(request, lookupOrder(`present-switch-${Date.now()}`));
    const completed = await dispatchRun(request, userMessage('What is the status of my order?'));
    await readAllEvents(request, completed);
    for (const [channelId, status] of [
      [waiting, 'waiting'],
      [completed, 'completed'],
    ] as const) {
      const live = new LivePage(page);
      await live.open(channelId);
      await live.expectStatus(status);
      const present = page.getByRole('link', { name: 'Present' });
      await present.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/present=1/);
      // Focus moves to the title once the page is presented (a person's next key comes after that; on a
      // loaded machine a robot's could come first). Before, Tab went on from where the Present link had
      // been: to the answer box (where Esc types) or off the page.
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await page.keyboard.press('Tab');
      const leave = page.getByRole('link', { name: 'Leave the presentation (Esc)' });
      await expect(leave).toBeFocused();
      await expect(leave).toBeInViewport();
    }
  });

  test('presented, Tab reaches every control with a thick ring that shows, and Esc leaves from all but the answer box', async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const channelId = await dispatchRun(request, lookupOrder(`present-keys-${Date.now()}`));
    const live = new LivePage(page);
    await live.open(channelId, '?present=1');
    await live.expectStatus('waiting');
    const ringOf = (control: Locator) =>
      control.evaluate((element) => {
        const style = getComputedStyle(element);
        return {
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
          translucent: /\/\s*0?\.\d+\)$|rgba\([^)]*,\s*0?\.\d+\)$/.test(style.outlineColor),
        };
      });
    const answerBox = page.getByLabel('Your answer');
    const controls = [
      page.getByRole('link', { name: 'Leave the presentation (Esc)' }),
      answerBox,
      page.getByRole('button', { name: 'Send answer' }),
    ];
    for (const control of controls) {
      await page.keyboard.press('Tab');
      await expect(control).toBeFocused();
      await expect(control).toBeInViewport();
      // 3 px, as the screen's pixels round it (2.67 at some zoom levels); the controls' own rings were 1 or 2.
      expect(await ringOf(control)).toEqual({
        style: 'solid',
        width: expect.any(Number),
        translucent: false,
      });
      expect((await ringOf(control)).width).toBeGreaterThan(2.5);
    }
    // Esc in the answer box belongs to the typing; on the Send button (or any other control) it leaves.
    await answerBox.focus();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/present=1/);
    await controls[2].focus();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(`/runs/${channelId}`);
    await expect(page.getByRole('link', { name: 'Present' })).toBeVisible();
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('on a phone the presented title breaks between words, not inside them', async ({ page, request }) => {
    // Waiting: the widest status badge leaves the title the least room.
    const channelId = await presentWaitingOnPhone(
      page,
      request,
      'Please approve my refund of 20 EUR',
      'approveRefund',
    );
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveText('Please approve my refund of 20 EUR');
    // Every word of the title lies on one line (at text-5xl, "approve" broke as "approv" / "e").
    const brokenWords = await title.evaluate((heading) => {
      const text = heading.firstChild as Text;
      const broken: string[] = [];
      for (const match of text.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1)
          broken.push(match[0]);
      }
      return broken;
    });
    expect(brokenWords).toEqual([]);
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('on a phone a presented question of a few lines is shown whole', async ({ page, request }) => {
    const question = 'Please approve my refund of 40 euros for the kettle that arrived broken in order 1234';
    const channelId = await presentWaitingOnPhone(page, request, question, 'approveRefund');
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveText(question);
    // Nothing of it is cut off by the line clamp.
    expect(await title.evaluate((heading) => heading.scrollHeight <= heading.clientHeight)).toBe(true);
    // The title stays the largest line: the story line below it steps down a size on a phone.
    const fontSize = (locator: Locator) =>
      locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(await fontSize(new LivePage(page).story)).toBeLessThan(await fontSize(title));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/screenshots/present-question-390.png' });
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('on a phone a long function name wraps instead of pushing the presented page sideways', async ({
    page,
    request,
  }) => {
    const channelId = await presentWaitingOnPhone(
      page,
      request,
      'Please requestManagerApprovalForRefund now',
      'requestManagerApprovalForRefund',
    );
    const live = new LivePage(page);
    // Presented, the function's name reads as words.
    await expect(live.story).toContainText('Waiting for an answer to “Request manager approval for refund”');
    await expect(live.waitingCard('Request manager approval for refund')).toContainText(
      'Request manager approval for refund is waiting for an answer',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await request.post(`/api/runs/${channelId}/cancel`);
  });
});

test.describe("the server's times", () => {
  test('event times shown are the stored ones, the same after a reload', async ({ page, request }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 30'));
    const stored = await request.post(`/api/v1/channel/${channelId}/subscribe`, {
      data: { withTimes: true },
    });
    const firstAt = JSON.parse((await stored.text()).split('\n')[0]).at as number;
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    await live.showEvents();
    await live.timeline.evaluate((element) => element.scrollTo({ top: 0 }));
    const shown = await page.evaluate(
      (at) => new Date(at).toLocaleTimeString(undefined, { hour12: false }),
      firstAt,
    );
    await expect(live.timeline.locator('[data-seq="1"]')).toContainText(shown);
    // Much later, a reload shows the same times (not when this browser received them).
    await page.clock.install({ time: firstAt + 3 * 60 * 60 * 1000 });
    await page.reload();
    await live.expectStatus('completed');
    await live.timeline.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(live.timeline.locator('[data-seq="1"]')).toContainText(shown);
  });
});

test.describe('phones', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`at 390 px the transcript, cards, waiting box and events are readable (${colorScheme})`, async ({
      page,
      request,
    }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 390, height: 844 });
      const channelId = await dispatchRun(request, lookupOrder(`phone-${Date.now()}`));
      const live = new LivePage(page);
      await live.open(channelId);
      await live.expectStatus('waiting');
      await live.showEvents();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const widthOf = async (locator: ReturnType<typeof page.locator>) =>
        (await locator.boundingBox())?.width ?? 0;
      expect(await widthOf(page.getByRole('heading', { level: 1 }))).toBeGreaterThan(150);
      expect(await widthOf(live.waitingCard('Lookup order'))).toBeGreaterThan(300);
      expect(await widthOf(page.getByLabel('Your answer'))).toBeGreaterThan(250);
      // Each event's data has a full-width line of its own, not a sliver beside the other columns.
      const data = live.timeline.locator('[data-seq="1"] > span').last();
      expect(await widthOf(data)).toBeGreaterThan(250);
      await page.screenshot({
        path: `test-results/screenshots/waiting-390-${colorScheme}.png`,
        fullPage: true,
      });
      await request.post(`/api/runs/${channelId}/cancel`);
    });
  }
});

test.describe('the events list', () => {
  for (const width of [390, 1280]) {
    test(`at ${width} px a row cut short opens in full, wrapped, and the list is no taller than its rows`, async ({
      page,
      request,
    }) => {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const waitedOn = `events-${width}-${Date.now()}`;
      const channelId = await dispatchRun(request, lookupOrder(waitedOn));
      const live = new LivePage(page);
      await live.open(channelId);
      await live.expectStatus('waiting');
      await live.showEvents();
      const row = live.timeline.getByRole('button').filter({ hasText: 'waitForChannelMessageBegin' });
      await expect(row).toBeVisible();
      // On a phone the row's data line is cut short.
      if (width === 390)
        expect(
          await row
            .locator('span')
            .last()
            .evaluate((data) => data.scrollWidth > data.clientWidth),
        ).toBe(true);
      // A few events: the box ends with its last row instead of standing mostly empty.
      const box = await live.timeline.evaluate((log) => ({
        shown: log.clientHeight,
        rows: log.scrollHeight,
      }));
      expect(box.shown).toBeLessThanOrEqual(box.rows);
      // Enter (or a tap) on the row shows the whole event, every word of it on screen.
      await row.focus();
      await page.keyboard.press('Enter');
      await expect(row).toHaveAttribute('aria-expanded', 'true');
      const seq = await row.getAttribute('data-seq');
      const full = page.getByRole('region', { name: `Event #${seq} in full` });
      await expect(full).toContainText(`"channelId": "${waitedOn}"`);
      await expect(full).toContainText('"orderNumber": 42');
      const data = full.getByLabel(`Data of event #${seq}`);
      expect(await data.evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await row.click();
      await expect(full).toHaveCount(0);
      await request.post(`/api/runs/${channelId}/cancel`);
    });
  }
});

test('a new share link shows as soon as it is made, even while the list of links is slow to answer', async ({
  page,
  request,
}) => {
  const channelId = await dispatchRun(request, lookupOrder(`slow-list-${Date.now()}`));
  const live = new LivePage(page);
  await live.open(channelId);
  await live.expectStatus('waiting');
  const sharing = new ShareDialog(page, 'run');
  await sharing.open();
  await expect(sharing.dialog.getByText('None yet.')).toBeVisible();
  // From here on the list of links is never answered: the new link can come only from making it.
  await page.route(/\/shares$/, async (route) => {
    if (route.request().method() !== 'GET') await route.continue();
  });
  expect(await sharing.createLink()).toMatch(/\/share\//);
  await request.post(`/api/runs/${channelId}/cancel`);
});

test.describe('the Share dialog', () => {
  async function openSharing(page: Page, request: APIRequestContext): Promise<ShareDialog> {
    await new LivePage(page).openCompletedRun(request, 'Share this one');
    return new ShareDialog(page, 'run');
  }

  test('takes focus when it opens and gives it back to Share when it closes; Copy says "Copied"', async ({
    page,
    context,
    baseURL,
    request,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const sharing = await openSharing(page, request);
    const opener = page.getByRole('button', { name: 'Share', exact: true });
    const focusInDialog = () => sharing.dialog.evaluate((dialog) => dialog.contains(document.activeElement));
    await sharing.open();
    await expect.poll(focusInDialog).toBe(true);
    await page.keyboard.press('Escape');
    await expect(sharing.dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await opener.press('Enter');
    await expect.poll(focusInDialog).toBe(true);
    const url = await sharing.createLink();
    await sharing.copyButton.click();
    await expect(sharing.dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
    await expect(sharing.dialog.getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await sharing.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(sharing.dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('where the clipboard cannot be used, Copy says so and selects the link to copy by hand', async ({
    page,
    request,
  }) => {
    // As on a plain-http address other than localhost: the browser offers no clipboard at all.
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true }),
    );
    const sharing = await openSharing(page, request);
    await sharing.open();
    const url = await sharing.createLink();
    const link = sharing.dialog.getByLabel('Share link', { exact: true }).first();
    const selected = () =>
      link.evaluate((input: HTMLInputElement) =>
        document.activeElement === input
          ? input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0)
          : '',
      );
    await sharing.copyButton.click();
    await expect(sharing.dialog.getByRole('status')).toHaveText(
      'Copying is not possible here: the link is selected, copy it with Ctrl+C (⌘C on a Mac).',
    );
    await expect(sharing.copyButton).toBeVisible();
    expect(await selected()).toBe(url);

    // A clipboard that refuses (no permission) is told the same way.
    await page.evaluate(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        get: () => ({
          writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
        }),
        configurable: true,
      }),
    );
    await sharing.dialog.getByRole('button', { name: 'Close' }).click();
    await sharing.open();
    await sharing.copyButton.click();
    await expect(sharing.dialog.getByRole('status')).toHaveText(
      /^Copying is not possible here: the link is selected/,
    );
    expect(await selected()).toBe(url);
  });
});

test.describe('share links', () => {
  const SECRET = 'e2e-share-secret-5150';
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer({
      env: { API_SECRET: SECRET, LOCAL_TOKEN_DELAY_MS: '5', CHANNEL_WAIT_TIMEOUT_MS: '120000' },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('"Share" makes a link that opens the run live without signing in, grants nothing else, answers only if allowed, and can be revoked', async ({
    page,
    browser,
  }) => {
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` };
    const channel = `shared-${Date.now()}`;
    const response = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(lookupOrder(channel)),
    });
    const { channelId } = (await response.json()) as { channelId: string };

    // The owner signs in and shares, allowing answers.
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/runs/${channelId}`)}`);
    await page.getByLabel('Secret').fill(SECRET);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const owner = new LivePage(page);
    await owner.expectStatus('waiting');
    const sharing = new ShareDialog(page, 'run');
    await sharing.open();
    const url = await sharing.createLink({ allowAnswering: true });
    // For a room, the link also shows as a QR code that a phone's camera opens; made at 127.0.0.1, the
    // dialog says it opens on this computer only. The link is short, so its code is sparse: 41 modules
    // wide with the border (a QR code of version 4) where a long link's took 61 (version 9).
    expect(new URL(url).pathname.length).toBeLessThanOrEqual('/share/'.length + 40);
    const qrCode = await sharing.readQrCode();
    expect(qrCode.text).toBe(url);
    expect(qrCode.modules).toBeLessThanOrEqual(41);
    const thisComputerOnly = sharing.dialog.getByTestId('this-computer-only');
    await expect(thisComputerOnly).toContainText(
      'These links start with 127.0.0.1, which opens on this computer only',
    );
    // How to share with a room is folded, so on a phone the link stays near the top of the dialog.
    const how = thisComputerOnly.getByText(/Start the server with an API secret/);
    await expect(how).toBeHidden();
    await thisComputerOnly.getByText('How to share with a room').click();
    await expect(how).toBeVisible();

    // A visitor with no session opens it: the presentation view, live, with no navigation.
    const visitor = await browser.newContext();
    const viewer = await visitor.newPage();
    await viewer.goto(url);
    const shared = new LivePage(viewer);
    await shared.expectStatus('waiting');
    await expect(viewer.getByTestId('shared-note')).toContainText(
      'Shared with you to watch and answer when it asks',
    );
    await expect(viewer.getByRole('navigation')).toHaveCount(0);
    await expect(viewer.getByRole('button', { name: /Cancel|Retry|Share/ })).toHaveCount(0);
    // Nothing else opens with it: the runs list sends the visitor to sign in.
    const runsList = await visitor.newPage();
    await runsList.goto(`${server.url}/runs`);
    await expect(runsList).toHaveURL(/\/sign-in/);
    // Answering was allowed: the visitor answers and both pages see the run complete.
    await shared.answer('approved from the room');
    await shared.expectStatus('completed');
    await owner.expectStatus('completed');
    // An ended run asks no more questions: a new link no longer offers answering.
    await expect(sharing.allowAnswering).toHaveCount(0);

    // Revoked from the run's page: the link stops working.
    await sharing.revoke();
    await viewer.reload();
    await expect(viewer.getByText(/This share link was revoked/)).toBeVisible();
    await visitor.close();
  });

  test('a read-only link shows the waiting card without an answer box', async ({ browser }) => {
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` };
    const dispatched = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(lookupOrder(`readonly-${Date.now()}`)),
    });
    const { channelId } = (await dispatched.json()) as { channelId: string };
    const created = await fetch(`${server.url}/api/runs/${channelId}/shares`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    const { share } = (await created.json()) as { share: { path: string } };
    const visitor = await browser.newContext();
    const viewer = await visitor.newPage();
    await viewer.goto(`${server.url}${share.path}`);
    const shared = new LivePage(viewer);
    await shared.expectStatus('waiting');
    await expect(viewer.getByTestId('shared-note')).toContainText(
      'Shared with you to watch, read-only · the link works until',
    );
    await expect(shared.waitingCard('Lookup order')).toBeVisible();
    await expect(viewer.getByLabel('Your answer')).toHaveCount(0);
    await visitor.close();
    await fetch(`${server.url}/api/runs/${channelId}/cancel`, { method: 'POST', headers: auth, body: '{}' });
  });
});
