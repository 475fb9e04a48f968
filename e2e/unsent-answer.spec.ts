// An answer typed but not sent when the run ends (cancelled by its owner, or no answer in time) stays on
// screen, read-only and copyable, with why it was not sent; a share link then no longer offers answering.
// The same card serves the run page, presentation mode and share links.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { LivePage } from './pages/live-page';
import { expectAccessibleInBothThemes } from './support/axe';

const ANSWER_WAIT_LIMIT_MS = 10_000;

const approval = (channel: string) => ({
  messages: [{ type: 'user' as const, text: 'Please askForApproval to ship the release' }],
  functions: [
    {
      name: 'askForApproval',
      description: 'Asks a person to approve the release',
      parameters: { type: 'object' as const, properties: {} },
      result: { channel },
    },
  ],
});

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({
    env: { LOCAL_TOKEN_DELAY_MS: '5', CHANNEL_WAIT_TIMEOUT_MS: String(ANSWER_WAIT_LIMIT_MS) },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body: unknown = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function dispatchWaitingRun(): Promise<string> {
  const { channelId } = await post('/api/v1/conversation/dispatch', approval(`unsent-${Date.now()}`));
  return String(channelId);
}

/** The kept answer: readable, not editable, with the reason it was not sent, and a way to copy it. */
async function expectUnsentAnswerKept(page: Page, text: string, reason: string) {
  const kept = page.getByRole('region', { name: 'Your answer, not sent' });
  await expect(kept).toBeVisible();
  await expect(kept.getByText(`Your answer was not sent: ${reason}`)).toBeVisible();
  const box = kept.getByLabel('Your answer (not sent)');
  await expect(box).toHaveValue(text);
  await expect(box).not.toBeEditable();
  await expect(kept.getByRole('button', { name: 'Copy' })).toBeVisible();
  // It sits inside the page's width, phone or desktop.
  const width = page.viewportSize()?.width ?? 0;
  const bounds = await kept.boundingBox();
  expect(bounds && bounds.x >= 0 && bounds.x + bounds.width <= width).toBe(true);
  // What was asked stays too, unanswered, and no answer box is offered any more.
  await expect(new LivePage(page).functionCard('Ask for approval')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Answer the function' })).toHaveCount(0);
  // No serious or critical accessibility problem in it, light or dark.
  await expectAccessibleInBothThemes(page, '[aria-label="Your answer, not sent"]');
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('a share link keeps an answer typed when the owner cancels the run, and stops inviting answers', async ({
      page,
    }) => {
      const channelId = await dispatchWaitingRun();
      const { share } = (await post(`/api/runs/${channelId}/shares`, { allowAnswer: true })) as {
        share: { path: string };
      };
      await page.goto(`${server.url}${share.path}`);
      const shared = new LivePage(page);
      await shared.expectStatus('waiting');
      await expect(page.getByTestId('shared-note')).toContainText(
        'Shared with you to watch and answer when it asks',
      );
      await page.getByLabel('Your answer').fill('Approved, go ahead');

      await post(`/api/runs/${channelId}/cancel`);
      await shared.expectStatus('cancelled');
      await expectUnsentAnswerKept(page, 'Approved, go ahead', 'the run was cancelled before it was sent.');
      await expect(page.getByTestId('shared-note')).toContainText(
        'Shared with you to watch · the link works until',
      );
    });

    test('presentation mode keeps an answer typed when the run stops waiting for it', async ({ page }) => {
      const channelId = await dispatchWaitingRun();
      await page.goto(`${server.url}/runs/${channelId}?present=1`);
      const live = new LivePage(page);
      await live.expectStatus('waiting');
      await page.getByLabel('Your answer').fill('Approved');

      await live.expectStatus('failed', ANSWER_WAIT_LIMIT_MS + 30_000);
      await expectUnsentAnswerKept(page, 'Approved', 'the run stopped waiting (no answer came in time).');
    });
  });
}

test('a run page with nothing typed shows only what was asked when the run is cancelled', async ({
  page,
}) => {
  const channelId = await dispatchWaitingRun();
  await page.goto(`${server.url}/runs/${channelId}`);
  const live = new LivePage(page);
  await live.expectStatus('waiting');
  await expect(page.getByLabel('Your answer')).toBeVisible();
  await post(`/api/runs/${channelId}/cancel`);
  await live.expectStatus('cancelled');
  await expect(page.getByRole('article', { name: 'Function call Ask for approval' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your answer, not sent' })).toHaveCount(0);
});
