import { expect, test, type Page } from '@playwright/test';
import { dispatchRun, readAllEvents, resultTextOf, userMessage } from './support/api';
import { startServer, type RunningServer } from '../test/support/next-server';
import { LivePage, readable } from './pages/live-page';
import { formatDuration } from '../lib/client/format';
import { startTcpProxy } from './support/tcp-proxy';

/** The run's figures' labels, in order. */
const figureTerms = (page: Page) => page.getByTestId('run-figures').getByRole('term');

/** Each figure's box, and whether its label or value wraps or overflows (is narrower than its words). */
const figureBoxes = (page: Page) =>
  page.getByTestId('run-figures').evaluate((list) =>
    [...list.children].map((figure) => {
      const box = figure.getBoundingClientRect();
      const cells = [...figure.querySelectorAll<HTMLElement>('dt, dd')].slice(0, 2);
      // A label or value on one line has one line box per text; wrapped, it has more.
      const lines = cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
      return {
        name: figure.querySelector('dt')?.textContent ?? '',
        top: Math.round(box.top),
        left: Math.round(box.left),
        right: Math.round(box.right),
        wrapped: lines.some((count) => count > 1),
        overflows: figure.scrollWidth > figure.clientWidth + 1,
      };
    }),
  );

function expectWholeFigures(figures: Awaited<ReturnType<typeof figureBoxes>>, width: number) {
  expect(figures.length).toBeGreaterThan(0);
  for (const figure of figures) {
    expect(figure.left, figure.name).toBeGreaterThanOrEqual(0);
    expect(figure.right, figure.name).toBeLessThanOrEqual(width);
    expect(figure.wrapped, `${figure.name} reads on one line`).toBe(false);
    expect(figure.overflows, `${figure.name} fits its box`).toBe(false);
  }
}

test.describe('live view of a channel', () => {
  test('shows the transcript, function calls, records used, usage, end reason and every event', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'How do I reset my password?' }],
      functions: [
        {
          name: 'lookupAccount',
          description: 'Looks up the account',
          parameters: { type: 'object', properties: {} },
          result: { data: { plan: 'pro' } },
          call: { start: true },
        },
      ],
      extensions: {
        backstory: 'You are a support bot.',
        datasets: [
          {
            name: 'Help centre',
            records: [
              { text: 'To reset your password open Settings and choose Reset password.' },
              { text: 'Invoices are sent monthly.' },
            ],
          },
        ],
      },
    });
    const events = await readAllEvents(request, channelId);
    const expectedText = await resultTextOf(request, channelId);
    const live = new LivePage(page);
    await live.open(channelId);

    await live.expectStatus('completed');
    await expect(live.transcript.getByText('How do I reset my password?')).toBeVisible();
    await expect
      .poll(() => live.replyText())
      .toContain('To reset your password open Settings and choose Reset password.');
    expect(expectedText).toContain('To reset your password open Settings and choose Reset password.');
    // The function by the name people read, its name as written small beside it for whoever built it.
    await expect(live.functionCard('Lookup account')).toContainText(/Plan\s*pro/);
    await expect(live.functionCard('Lookup account').getByTestId('function-code-name')).toHaveText('lookupAccount');
    await expect(page.getByRole('region', { name: 'Dataset records used' })).toContainText(
      'open Settings and choose Reset password',
    );
    await expect(page.getByTestId('end-reason')).toHaveText('the answer was complete');
    await expect(page.getByTestId('end-reason')).toHaveAttribute('data-reason', 'stop');
    await expect(page.getByText('Text pieces written')).toBeVisible();
    await live.showEvents();
    await expect(page.getByRole('heading', { name: /Events/ })).toContainText(`(${events.length})`);
    await expect(live.timeline.locator(`[data-seq="${events.length}"]`)).toContainText('completeEnd');
    for (const label of ['Queued for', 'Reply began after', 'Text pieces per second', 'Duration']) {
      await expect(page.getByText(label)).toBeVisible();
    }
    await expect(page.locator('dd', { hasText: /\d+(\.\d+)? (ms|s)$/ }).first()).toBeVisible();
    // The headline and the Duration figure give the run one duration.
    const durationFigure = page.getByText('Duration', { exact: true }).locator('xpath=following-sibling::dd');
    await expect(async () => {
      const figure = (await durationFigure.textContent()) ?? '';
      expect(figure).toMatch(/\d/);
      await expect(live.story).toContainText(`Completed in ${figure}`, { timeout: 100 });
    }).toPass();
  });

  test('reloading mid-run resumes without a missing or duplicated token', async ({ page, request }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 600'));
    const live = new LivePage(page);
    await live.open(channelId);
    await expect.poll(async () => (await live.replyText()).length, { timeout: 30_000 }).toBeGreaterThan(20);
    await page.reload();
    await live.expectStatus('completed');
    const expected = await resultTextOf(request, channelId);
    await expect.poll(() => live.replyText()).toBe(readable(expected));
  });

  test('a dropped connection says it is reconnecting, then resumes from the last seq seen', async ({
    page,
    request,
    baseURL,
  }) => {
    const proxy = await startTcpProxy(baseURL ?? '');
    try {
      const channelId = await dispatchRun(request, userMessage('repeat 800'));
      const live = new LivePage(page);
      await page.goto(`${proxy.url}/runs/${channelId}`);
      await expect.poll(async () => (await live.replyText()).length, { timeout: 30_000 }).toBeGreaterThan(20);
      proxy.cutConnections();
      await expect(page.getByRole('status').filter({ hasText: /reconnecting in \d+ s/i })).toBeVisible();
      await live.expectStatus('completed');
      const expected = await resultTextOf(request, channelId);
      await expect.poll(() => live.replyText()).toBe(readable(expected));
      await live.showEvents();
      const seqs = await live.timeline
        .locator('[data-seq]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      await proxy.close();
    }
  });

  test('a run waiting for a function result gets it from the waiting card and finishes', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'Please approve the refund' }],
      functions: [
        {
          name: 'approveRefund',
          description: 'Asks a person to approve the refund',
          parameters: { type: 'object', properties: {} },
          result: { channel: `refund-approvals-${Date.now()}` },
          call: { start: true },
        },
      ],
    });
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('waiting');
    // The time left to answer counts down from the server's limit (10 min here).
    await expect(live.story).toContainText(/Answer below within (9 min \d+ s|10 min) to let the run go on; after that it stops\./);
    // Retry and Continue wait for the end: a retry now would run a second copy beside this one.
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(Retry|Continue in the builder)$/ })).toHaveCount(0);
    await live.answer('{ not json', { json: true });
    await expect(page.getByRole('form', { name: 'Answer the function' }).getByRole('alert')).toContainText(
      'not valid JSON',
    );
    await live.answer('{"approved": true}', { json: true });
    // The answered card goes away; focus is on the story line, not lost to the page.
    await expect(live.story).toBeFocused();
    await live.expectStatus('completed');
    await expect(live.functionCard('Approve refund')).toContainText(/Approved\s*yes/);
    // The time to the first token is the model's: the wait for the answer is left out, and said.
    await expect(page.getByText(/^not counting [\d.]+ (ms|s) waiting for an answer$/)).toBeVisible();
    // In the event log the longest event name fits its column instead of running into the data beside it.
    await page.getByText('Show events').click();
    await live.timeline.evaluate((log) => log.scrollTo(0, 0));
    const name = live.timeline.getByText('waitForChannelMessageBegin', { exact: true });
    await expect(name).toBeVisible();
    expect(await name.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
  });

  for (const width of [1280, 390]) {
    test(`at ${width} px a run waiting for requestApproval says “Request approval”, leads with its few figures, and offers Retry only once it ended`, async ({
      page,
      request,
    }) => {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const channelId = await dispatchRun(request, {
        messages: [{ type: 'user', text: 'Please approve the refund for order 42' }],
        functions: [
          {
            name: 'requestApproval',
            description: 'Asks a person to approve the refund',
            parameters: { type: 'object', properties: {} },
            result: { channel: `approvals-${width}-${Date.now()}` },
            call: { start: true },
          },
        ],
      });
      const live = new LivePage(page);
      await live.open(channelId);
      await live.expectStatus('waiting');
      // One name, the one Present and a share link show; the name as written only small beside the card's.
      await expect(live.story).toContainText('Waiting for an answer to “Request approval”');
      const card = live.waitingCard('Request approval');
      await expect(card.getByRole('heading', { level: 3 })).toHaveText('Request approval is waiting for an answer');
      await expect(card.getByTestId('function-code-name')).toHaveText('requestApproval');
      await expect(card.getByTestId('function-code-name')).toHaveCSS('font-family', /mono/i);
      await expect(page.getByRole('main')).not.toContainText(/requestApproval is waiting|Function requestApproval|to requestApproval/);
      // Only the figures that have a value, each whole, none of them "not yet".
      await expect(figureTerms(page)).toHaveText(['Queued for', 'Duration']);
      await expect(page.getByTestId('run-figures')).not.toContainText(/yet|—/);
      expectWholeFigures(await figureBoxes(page), width);
      // The answer box is not pushed down: on a phone it starts within the first screen.
      const answerTop = await page.getByLabel('Your answer').evaluate((box) => box.getBoundingClientRect().top + window.scrollY);
      expect(answerTop).toBeLessThan(width === 390 ? 844 : 900);
      // No Retry while it waits: the server refuses one too.
      await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      const refused = await request.post(`/api/runs/${channelId}/retry`);
      expect(refused.status()).toBe(409);
      expect((await refused.json()).message).toBe(
        'Run is still waiting for an answer: cancel it or wait for its end before retrying',
      );

      await live.answer('approved');
      await live.expectStatus('completed');
      const call = live.functionCard('Request approval');
      await expect(call.getByRole('heading', { level: 3 })).toHaveText('Function Request approval');
      await expect(call.getByTestId('function-code-name')).toHaveText('requestApproval');
      // The answer's wait is left out of the first token's time, said on a line of its own, not in a sliver.
      const note = page.getByText(/^not counting [\d.]+ (ms|s) waiting for an answer$/);
      await expect(note).toBeVisible();
      // The server's time to first token has the wait left out already; the page does not take it off twice.
      const stored = (await (await request.get(`/api/runs/${channelId}`)).json()).run as { timeToFirstTokenMs: number };
      const firstToken = page
        .getByTestId('run-figures')
        .locator('div', { has: page.getByRole('term').filter({ hasText: 'Reply began after' }) });
      await expect(firstToken.getByRole('definition').first()).toHaveText(formatDuration(stored.timeToFirstTokenMs));
      expect((await note.boundingBox())?.width ?? 0).toBeGreaterThan(150);
      expectWholeFigures(await figureBoxes(page), width);
      await expect(page.getByRole('button', { name: 'Retry' })).toBeEnabled();
      await expect(page.getByRole('button', { name: 'Continue in the builder' })).toBeEnabled();
    });
  }

  test('an ended run offers Retry at once, before its request has been read; Continue waits for it', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('hello'));
    await readAllEvents(request, channelId);
    // The run's request (which can be megabytes) is held back; its status is not.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === `/api/runs/${channelId}` && !url.searchParams.has('fields'),
      async (route) => {
        await held;
        await route.continue();
      },
    );
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Continue in the builder' })).toBeDisabled();
    release();
    await expect(page.getByRole('button', { name: 'Continue in the builder' })).toBeEnabled();
  });

  test('cancel asks first, then stops a running run; retry dispatches the same request again', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 5000'));
    const live = new LivePage(page);
    await live.open(channelId);
    await expect.poll(async () => (await live.replyText()).length, { timeout: 30_000 }).toBeGreaterThan(5);
    // A slip on the first button after a dispatch changes nothing: Cancel asks, and keeping it is the default.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Cancel this run?' });
    await expect(ask).toContainText('repeat 5000');
    await ask.getByRole('button', { name: 'Keep it running' }).click();
    await expect(ask).toBeHidden();
    await live.expectStatus('running');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await ask.getByRole('button', { name: 'Cancel run' }).click();
    await live.expectStatus('cancelled');
    // The Cancel button went with the run's end and Retry came in its place; focus moved to it, not lost.
    await expect(page.getByRole('button', { name: 'Retry' })).toBeFocused();
    await expect(page.getByText('Stopped:')).toBeVisible();
    const run = await (await request.get(`/api/runs/${channelId}`)).json();
    expect(run.run.status).toBe('cancelled');

    await page.getByRole('button', { name: 'Retry' }).click();
    const askRetry = page.getByRole('dialog', { name: 'Retry this run?' });
    await expect(askRetry).toContainText('dispatched again with the same request');
    await askRetry.getByRole('button', { name: 'Retry run' }).click();
    await expect(page).not.toHaveURL(new RegExp(channelId));
    const retried = decodeURIComponent(page.url().split('/runs/')[1]);
    const retriedRun = await (await request.get(`/api/runs/${retried}`)).json();
    expect(retriedRun.request.messages).toEqual([{ type: 'user', text: 'repeat 5000' }]);
    expect(retriedRun.run.retryOf).toBe(channelId);
    await request.post(`/api/runs/${retried}/cancel`);
  });

  test('on a phone the engine under the title keeps its name whole beside the long channel id', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('Hello'));
    await readAllEvents(request, channelId);
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    const engine = page.getByTestId('run-engine');
    await expect(engine).toHaveText(' · local');
    // At every phone width the word "local" sits on one line (the id's break-anywhere rule used to split
    // it as "lo / cal" wherever the line happened to end inside it).
    const linesOfEngineName = () =>
      engine.evaluate((span) => {
        const text = span.firstChild as Text;
        const range = document.createRange();
        range.setStart(text, text.data.indexOf('local'));
        range.setEnd(text, text.data.indexOf('local') + 'local'.length);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      });
    for (let width = 340; width <= 440; width += 4) {
      await page.setViewportSize({ width, height: 844 });
      expect(await linesOfEngineName(), `at ${width} px`).toBe(1);
    }
  });

  test('continue hands the request plus the reply to the builder with an empty user message', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('Hello there'));
    const expected = await resultTextOf(request, channelId);
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    await page.getByRole('button', { name: 'Continue in the builder' }).click();
    await expect(page).toHaveURL(/\/\?import=1$/);
    const handedOff = await page.evaluate(() => localStorage.getItem('dispatch-studio.builder.import'));
    if (handedOff !== null) {
      expect(JSON.parse(handedOff).messages).toEqual([
        { type: 'user', text: 'Hello there' },
        { type: 'bot', text: expected },
        { type: 'user', text: '' },
      ]);
    } else {
      // The builder took the handoff: its form holds the continued conversation.
      await expect(
        page.getByRole('group', { name: 'Message 2', exact: true }).getByLabel('Text'),
      ).toHaveValue(expected);
      await expect(
        page.getByRole('group', { name: 'Message 3', exact: true }).getByLabel('Text'),
      ).toHaveValue('');
    }
  });

  test('text from messages and events is rendered as text, never as markup', async ({ page, request }) => {
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    const attack = '<img src=x onerror=alert(1)>';
    const channelId = await dispatchRun(request, userMessage(attack));
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('completed');
    await expect(live.transcript.getByText(attack).first()).toBeVisible();
    await expect(page.locator('main img')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  test('an address with no run says so, with no status, figures or actions', async ({ page }) => {
    await page.goto('/runs/no-such-run-here');
    await expect(page.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(/There is no run with this address/);
    await expect(page.getByTestId('run-status')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Cancel|Retry|Share/ })).toHaveCount(0);
    await page.getByRole('link', { name: 'See all runs' }).click();
    await expect(page).toHaveURL(/\/runs$/);
  });

  test('an address with no run asks the server once, and no more once the answer was "no such run"', async ({
    page,
  }) => {
    const channelId = 'no-such-run-to-ask-for';
    const asked: string[] = [];
    page.on('request', (sent) => {
      const { pathname } = new URL(sent.url());
      if (pathname.startsWith('/api/') && pathname.includes(channelId)) asked.push(`${sent.method()} ${pathname}`);
    });
    await page.goto(`/runs/${channelId}`);
    await expect(page.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible();
    // The page's own 2-second poll for notices, twice: time enough for any retry or 1-second poll of the
    // run to have been sent, on a slow machine too (its timers slow down alike).
    for (let poll = 0; poll < 2; poll += 1) {
      await page.waitForRequest((sent) => new URL(sent.url()).pathname === '/api/runs/notices');
    }
    // One question (the channel), not four (the channel, the run, its status and its webhook deliveries).
    expect(asked).toEqual([`POST /api/v1/channel/${channelId}/subscribe`]);
  });

  test('on a phone the figures are a short strip of whole figures and the conversation starts on the first screen; at 1280 they are tiles', async ({
    page,
    request,
  }) => {
    const live = new LivePage(page);
    // iPhone 12/13/14: 390 px wide, 664 px of page under the browser's bars.
    await page.setViewportSize({ width: 390, height: 664 });
    await live.openCompletedRun(request, 'What is the status of my order?');
    await expect(figureTerms(page)).toHaveText(['Queued for', 'Reply began after', 'Text pieces per second', 'Duration', 'Text pieces received']);
    const phone = await figureBoxes(page);
    expectWholeFigures(phone, 390);
    // Five whole figures take three short lines where five squeezed columns of wrapped words took as many.
    expect(new Set(phone.map((figure) => figure.top)).size, 'the figures take at most three lines').toBeLessThanOrEqual(3);
    const firstMessage = live.transcript.locator('[data-role="user"]').first();
    const top = await firstMessage.evaluate((element) => element.getBoundingClientRect().top);
    expect(top, 'the conversation begins within the first screen').toBeLessThan(664 - 60);

    // At 1280 the five are tiles side by side, as before.
    await page.setViewportSize({ width: 1280, height: 900 });
    const tile = figureTerms(page).filter({ hasText: /^Duration$/ }).locator('..');
    await expect(tile).toHaveCSS('border-radius', '6px');
    const wide = await figureBoxes(page);
    expectWholeFigures(wide, 1280);
    expect(new Set(wide.map((figure) => figure.top)).size).toBe(1);
  });

  test('on a phone the run’s actions sit in even rows inside the screen, a running run’s Cancel first across the whole width', async ({
    page,
    request,
  }) => {
    /** The visible buttons and links among the run's actions, where they are drawn. */
    const actionBoxes = () =>
      page.getByTestId('run-actions').evaluate((row) =>
        [...row.querySelectorAll<HTMLElement>('button, a')]
          .filter((control) => control.getClientRects().length > 0)
          .map((control) => {
            const box = control.getBoundingClientRect();
            return {
              name: control.textContent?.trim() ?? '',
              left: Math.round(box.left),
              right: Math.round(box.right),
              top: Math.round(box.top),
              width: Math.round(box.width),
              height: Math.round(box.height),
              overflows: control.scrollWidth > control.clientWidth || control.scrollHeight > control.clientHeight,
            };
          }),
      );
    type ActionBox = Awaited<ReturnType<typeof actionBoxes>>[number];
    const expectEvenHalves = (boxes: ActionBox[]) => {
      for (const box of boxes) {
        expect(box.left, box.name).toBeGreaterThanOrEqual(0);
        expect(box.right, box.name).toBeLessThanOrEqual(390);
        expect(box.overflows, box.name).toBe(false);
      }
      for (let index = 0; index < boxes.length; index += 2) {
        const [left, right] = [boxes[index], boxes[index + 1]];
        expect(right.top, `${left.name} and ${right.name} share a row`).toBe(left.top);
        expect(right.height).toBe(left.height);
        expect(right.width).toBe(left.width);
        expect(left.left).toBe(boxes[0].left);
        expect(right.right).toBe(boxes[1].right);
      }
    };
    await page.setViewportSize({ width: 390, height: 844 });
    const channelId = await dispatchRun(request, userMessage('repeat 20000'));
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('running');
    const running = await actionBoxes();
    // No Retry or Continue before the run's end.
    expect(running.map((box) => box.name)).toEqual(['Cancel', 'Share', 'Present']);
    const [cancel, ...rest] = running;
    expect(cancel.left).toBe(rest[0].left);
    expect(cancel.right).toBe(rest[1].right);
    expectEvenHalves(rest);

    await request.post(`/api/runs/${channelId}/cancel`);
    await live.expectStatus('cancelled');
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
    const ended = await actionBoxes();
    expect(ended.map((box) => box.name)).toEqual(['Retry', 'Continue in the builder', 'Share', 'Present']);
    expectEvenHalves(ended);

    // At 1280 they are one row, as before.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(new Set((await actionBoxes()).map((box) => box.top)).size).toBe(1);
  });

  test('the event log follows new events until the reader scrolls it up, and again from its end', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('repeat 20000'));
    // A slow CPU brings many rows per frame, so the scroll events of our moves and the reader's come
    // late and mixed (a busy CI machine failed this way): four times slower here, every time.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const live = new LivePage(page);
    await live.open(channelId);
    await live.showEvents();
    // Whether the rows drawn reach the end of the log: decided in the same commit as the rows, so it does
    // not depend on whether the frame that scrolls has run yet.
    const drawsTheEnd = () =>
      live.timeline.evaluate((log) => {
        const content = log.firstElementChild as HTMLElement;
        const rows = [...content.querySelectorAll<HTMLElement>('[data-seq]')];
        const drawnTo = Math.max(0, ...rows.map((row) => row.offsetTop + row.offsetHeight));
        return drawnTo >= content.offsetHeight;
      });
    const scrollTop = () => live.timeline.evaluate((log) => log.scrollTop);
    const scrollHeight = () => live.timeline.evaluate((log) => log.scrollHeight);
    const followsTheEnd = async () => {
      await expect.poll(drawsTheEnd).toBe(true);
      const topThen = await scrollTop();
      await expect.poll(scrollTop).toBeGreaterThan(topThen + 500);
    };
    await followsTheEnd();
    // Scrolled up: the log stays where the reader is while events keep coming.
    await live.timeline.hover();
    await page.mouse.wheel(0, -600);
    await expect.poll(drawsTheEnd).toBe(false);
    const readingAt = await scrollTop();
    const heightThen = await scrollHeight();
    await expect.poll(scrollHeight).toBeGreaterThan(heightThen + 500);
    expect(await scrollTop()).toBe(readingAt);
    expect(await drawsTheEnd()).toBe(false);
    // Back at the end: it follows again.
    await live.timeline.evaluate((log) => log.scrollTo({ top: log.scrollHeight }));
    await followsTheEnd();
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('the page holds still under a pressed mouse button while it follows the reply, and catches up once let go', async ({
    page,
    request,
  }) => {
    // Moved under a press, a click ends on another element and is lost: Cancel pressed while the page
    // followed the reply opened nothing (a CI run failed this way).
    const channelId = await dispatchRun(request, userMessage('repeat 20000'));
    const live = new LivePage(page);
    await live.open(channelId);
    const scrollY = () => page.evaluate(() => window.scrollY);
    await expect.poll(scrollY).toBeGreaterThan(0);
    const followingFrom = await scrollY();
    await expect.poll(scrollY).toBeGreaterThan(followingFrom);

    await page.mouse.move(640, 450);
    await page.mouse.down();
    const pressedAt = await scrollY();
    const heightThen = await page.evaluate(() => document.documentElement.scrollHeight);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight))
      .toBeGreaterThan(heightThen + 400);
    expect(await scrollY()).toBe(pressedAt);

    await page.mouse.up();
    await expect.poll(scrollY).toBeGreaterThan(pressedAt + 400);
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('the event log holds still under a pressed mouse button, showing the rows under it, and catches up once let go', async ({
    page,
    request,
  }) => {
    // A text selection or a drag begun in the log ran away with it while the run streamed.
    const channelId = await dispatchRun(request, userMessage('repeat 20000'));
    const live = new LivePage(page);
    await live.open(channelId);
    await live.showEvents();
    const scrollTop = () => live.timeline.evaluate((log) => log.scrollTop);
    const scrollHeight = () => live.timeline.evaluate((log) => log.scrollHeight);
    /** The rows drawn cover what the reader sees (none of the log's view is blank). */
    const rowsCoverTheView = () =>
      live.timeline.evaluate((log) => {
        const rows = [...log.querySelectorAll<HTMLElement>('[data-seq]')];
        const top = Math.min(...rows.map((row) => row.offsetTop));
        const bottom = Math.max(...rows.map((row) => row.offsetTop + row.offsetHeight));
        return top <= log.scrollTop && bottom >= log.scrollTop + log.clientHeight;
      });
    await expect.poll(scrollTop).toBeGreaterThan(500);

    const box = (await live.timeline.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const pressedAt = await scrollTop();
    const heightThen = await scrollHeight();
    await expect.poll(scrollHeight).toBeGreaterThan(heightThen + 500);
    expect(await scrollTop()).toBe(pressedAt);
    expect(await rowsCoverTheView()).toBe(true);

    await page.mouse.up();
    await expect.poll(scrollTop).toBeGreaterThan(pressedAt + 500);
    await request.post(`/api/runs/${channelId}/cancel`);
  });

  test('"Show events" clicked before the page has its scripts still opens the event log', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, userMessage('Hello'));
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    const live = new LivePage(page);
    await page.goto(`/runs/${channelId}`, { waitUntil: 'commit' });
    await page.getByText('Show events').click();
    release();
    await live.expectStatus('completed');
    await expect(page.getByText(/^Hide events/)).toBeVisible();
    await expect(live.timeline).toBeVisible();
  });
});

test.describe('a queued run', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    // One run slot. A run waiting for an answer lends its slot once; a second one waiting keeps it, and the
    // next run waits in the queue.
    server = await startServer({ env: { MAX_CONCURRENT_RUNS: '1', CHANNEL_WAIT_TIMEOUT_MS: '120000' } });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('its page is connected and counts its time in the queue; once cancelled, nothing says "yet"', async ({
    page,
  }) => {
    const dispatch = async (body: unknown) => {
      const answer = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return ((await answer.json()) as { channelId: string }).channelId;
    };
    const holder = (channel: string) =>
      dispatch({
        messages: [{ type: 'user', text: 'Please lookupOrder 7' }],
        functions: [
          {
            name: 'lookupOrder',
            description: 'Look up an order',
            parameters: { type: 'object', properties: {} },
            result: { channel },
          },
        ],
      });
    const holders = [await holder(`queued-a-${Date.now()}`), await holder(`queued-b-${Date.now()}`)];
    await expect
      .poll(async () => {
        const statuses = await Promise.all(
          holders.map(async (channelId) => {
            const answer = await fetch(`${server.url}/api/runs/${channelId}`);
            return ((await answer.json()) as { run: { status: string } }).run.status;
          }),
        );
        return statuses.join();
      })
      .toBe('waiting,waiting');
    const queued = await dispatch(userMessage('repeat 5'));
    const live = new LivePage(page);
    await page.goto(`${server.url}/runs/${queued}`);
    await live.expectStatus('queued');
    await expect(page.getByText('Connecting…')).toHaveCount(0);
    const figure = (label: string) =>
      page.getByText(label, { exact: true }).locator('xpath=following-sibling::dd');
    const queuedFor = await (async () => {
      await expect(figure('Queued for')).toHaveText(/^\d+(\.\d)? (ms|s)$/);
      return figure('Queued for').innerText();
    })();
    await expect(figure('Queued for')).not.toHaveText(queuedFor);
    await expect(live.story).toContainText('(runs waiting for an answer may hold them)');
    // The overview says why the queue does not move, and where to act.
    await page.goto(`${server.url}/overview`);
    await expect(page.getByTestId('queue-held')).toContainText(
      'runs waiting for an answer hold every run slot',
    );
    // One note for it: not a second one about the same waiting runs.
    await expect(page.getByTestId('answers-needed')).toHaveCount(0);
    await page.getByTestId('queue-held').getByRole('link', { name: 'waiting runs' }).click();
    await expect(page).toHaveURL(/\/runs\?status=waiting$/);
    await page.goto(`${server.url}/runs/${queued}`);

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Cancel this run?' })
      .getByRole('button', { name: 'Cancel run' })
      .click();
    await live.expectStatus('cancelled');
    // Only what it has: a duration, and no tile of "never", "none" or "yet".
    await expect(figure('Duration')).toHaveText(/^\d+(\.\d)? (ms|s)$/);
    await expect(figureTerms(page)).not.toContainText(['Reply began after']);
    await expect(page.getByTestId('run-figures')).not.toContainText(/yet|none|never|—/);
    for (const channelId of holders) await fetch(`${server.url}/api/runs/${channelId}/cancel`, { method: 'POST' });
  });
});
