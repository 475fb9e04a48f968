// On a phone every control is a finger's size (44 × 44 px): the page links in the header, text boxes and
// lists, a checkbox with its words, a fold's title, a file picker, a link standing on its own. Links inside a
// sentence are exempt, as WCAG's target-size rule exempts them: they are part of the text.
import { expect, test, type Page } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { LivePage } from './pages/live-page';
import { dispatchRun, readAllEvents } from './support/api';

/** Every visible control's tap area (a checkbox's or radio's is its label's) smaller than 44 px either way. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary',
    );
    for (const control of controls) {
      const sentence = control.closest('p');
      if (sentence && sentence.textContent?.trim() !== control.textContent?.trim()) continue;
      if (control.closest('details:not([open])') && !control.matches('details > summary')) continue;
      // Visually hidden until focused (the "Skip to content" link): not a target until it shows.
      if (getComputedStyle(control).clipPath.startsWith('inset(50%')) continue;
      const choice = control.matches('input[type="checkbox"], input[type="radio"]');
      const label = choice
        ? (control.closest('label') ?? (control as HTMLInputElement).labels?.[0] ?? null)
        : null;
      const box = (label ?? control).getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.width < 44 || box.height < 44) {
        const name =
          control.getAttribute('aria-label') ||
          label?.textContent ||
          control.textContent ||
          control.getAttribute('name');
        small.push(
          `${control.tagName.toLowerCase()} "${(name ?? '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return small;
  });
}

test.describe('on a phone (390 px, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('every control of the builder is a finger-sized target, with every section open and an item in each', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.openFresh();
    for (const [title, add] of [
      ['Bot or model', null],
      ['Backstory', null],
      ['Datasets', 'Add dataset'],
      ['Functions', 'Add function'],
      ['Skillsets', 'Add skillset'],
      ['Features', 'Add feature'],
      ['Attachments', 'Add attachment'],
      ['Contact', null],
      ['Limits, channel and timezone', null],
    ] as const) {
      await builder.section(title);
      if (add) await page.getByRole('button', { name: add, exact: true }).click();
    }
    for (const add of ['Add parameter', 'Add record', 'Add ability']) {
      await page.getByRole('button', { name: add, exact: true }).click();
    }
    await builder.metaFold(builder.message(0)).locator('summary').click();
    expect(await smallTargets(page)).toEqual([]);

    // The code dialog's tabs (cURL, fetch, @chatbotkit/sdk) too.
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'cURL' })).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);
  });

  test("a run notice's ✕ is a finger's size without leaving a gap under the notice's headline", async ({
    page,
    request,
  }) => {
    const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
    await page.goto('/overview');
    await firstLook;
    const stamp = Date.now();
    // Four runs waiting: one notice counts them, under a one-line headline.
    const channelIds = await Promise.all(
      [1, 2, 3, 4].map((index) =>
        dispatchRun(request, {
          messages: [{ type: 'user', text: `Please approve refund ${index}` }],
          functions: [
            {
              name: 'requestApproval',
              description: 'Asks a person to approve a refund',
              parameters: { type: 'object', properties: {} },
              result: { channel: `touch-notice-${stamp}-${index}` },
            },
          ],
        }),
      ),
    );
    try {
      const region = page.getByRole('region', { name: 'Run notifications' });
      const notice = region.getByTestId('run-toast').filter({ hasText: /runs are waiting for an answer/ });
      // A phone shows only the newest notice: a run an earlier test left waiting may fail meanwhile and be
      // that one (CI saw it). Dismissed, it leaves ours the newest.
      await expect(async () => {
        const shown = region.getByTestId('run-toast').filter({ visible: true });
        if (!(await notice.isVisible()) && (await shown.count()) > 0)
          await shown.first().getByRole('button', { name: 'Dismiss notification' }).click();
        await expect(notice).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      const close = await notice.getByRole('button', { name: 'Dismiss notification' }).boundingBox();
      expect(Math.min(close?.width ?? 0, close?.height ?? 0)).toBeGreaterThanOrEqual(44);
      const headline = (await notice.locator('p').first().boundingBox())!;
      const link = (await notice.getByRole('link', { name: 'See them in the runs list' }).boundingBox())!;
      expect(link.y - (headline.y + headline.height)).toBeLessThan(12);
    } finally {
      for (const channelId of channelIds) await request.post(`/api/runs/${channelId}/cancel`);
    }
  });

  test('every control of the runs list, a waiting run and the overview is a finger-sized target', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'Please approve my refund' }],
      functions: [
        {
          name: 'requestApproval',
          description: 'Asks a person to approve a refund',
          parameters: { type: 'object', properties: {} },
          result: { channel: `touch-approvals-${Date.now()}` },
        },
      ],
    });
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('waiting');
    await expect(page.getByRole('textbox', { name: 'Your answer' })).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);

    // A retried run and its retry link to each other ("Retried as run …", "Retry of run …").
    const ended = await dispatchRun(request, { messages: [{ type: 'user', text: 'Hello' }] });
    await readAllEvents(request, ended);
    const retried = await request.post(`/api/runs/${ended}/retry`, { data: {} });
    expect(retried.ok()).toBe(true);

    await page.goto('/runs');
    await expect(page.locator(`tr[data-channel-id="${channelId}"]`)).toBeVisible();
    await expect(page.getByRole('link', { name: /^Retried as/ }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: /^Retry of/ }).first()).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);

    await page.goto('/overview');
    await expect(page.getByRole('heading', { name: 'Runs by status' })).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);
  });

  test('a run both retried and a retry shows its two links whole: their words spaced, and the dot between them never ending a line', async ({
    page,
    request,
  }) => {
    const first = await dispatchRun(request, { messages: [{ type: 'user', text: 'Hello' }] });
    await readAllEvents(request, first);
    const retry = async (channelId: string) => {
      const answer = await request.post(`/api/runs/${channelId}/retry`, { data: {} });
      expect(answer.ok()).toBe(true);
      return ((await answer.json()) as { channelId: string }).channelId;
    };
    const middle = await retry(first);
    await readAllEvents(request, middle);
    const last = await retry(middle);
    await readAllEvents(request, last);

    const live = new LivePage(page);
    await live.open(middle);
    await live.expectStatus('completed');
    const links = page.getByTestId('retry-links');
    const retryOf = links.getByRole('link', { name: /^Retry of/ });
    const retriedAs = links.getByRole('link', { name: /^Retried as/ });
    // A touch screen makes each link a finger-sized flex box, which had dropped the space before the id.
    expect(await retryOf.innerText()).toBe(`Retry of run …${first.slice(-8)}`);
    expect(await retriedAs.innerText()).toBe(`Retried as run …${last.slice(-8)}`);
    const dot = (await links.getByText('·', { exact: true }).boundingBox())!;
    const after = (await retriedAs.boundingBox())!;
    expect(Math.abs(dot.y + dot.height / 2 - (after.y + after.height / 2))).toBeLessThan(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('every control of a new experiment, a batch and a comparison, and of its answers, is a finger-sized target', async ({
    page,
  }) => {
    await page.goto('/experiments/new');
    await page.getByRole('radio', { name: /Batch over a file/ }).check();
    await expect(page.getByRole('button', { name: 'File of inputs' })).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('radio', { name: /Compare answers/ }).check();
    await expect(page.getByRole('textbox', { name: 'Question' })).toBeVisible();
    expect(await smallTargets(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Question' }).fill('How do I reset my password?');
    const backstories = page.getByRole('textbox', { name: 'Backstory' });
    await backstories.nth(0).fill('You are terse.');
    await backstories.nth(1).fill('You are friendly.');
    await page.getByRole('button', { name: 'Start comparing' }).click();
    await expect(page.getByRole('radio', { name: /^Best answer/ })).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByRole('link', { name: 'Open the run' })).toHaveCount(2);
    expect(await smallTargets(page)).toEqual([]);
  });

  test('every control of a finished batch is a finger-sized target: its exports and the grid’s answers', async ({
    page,
  }) => {
    await page.goto('/experiments/new');
    await page.getByRole('radio', { name: /Batch over a file/ }).check();
    await page.getByRole('button', { name: 'File of inputs' }).setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('order_id\n1001\n1002\n'),
    });
    await page.getByRole('textbox', { name: 'Message' }).fill('Where is order {{order_id}}?');
    await page.getByRole('textbox', { name: 'Backstory' }).nth(1).fill('Be brief.');
    await page.getByRole('button', { name: 'Start the batch' }).click();
    await expect(page.getByText('4 of 4 answered')).toBeVisible({ timeout: 60_000 });
    // Finished, the exports stand alone in their row (no Cancel all beside them to stretch them).
    await expect(page.getByRole('button', { name: /^Cancel all/ })).toHaveCount(0);
    for (const name of ['Export CSV', 'Export JSONL']) {
      expect((await page.getByRole('link', { name }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
    }
    expect(await smallTargets(page)).toEqual([]);
  });
});
