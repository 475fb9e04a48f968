// Sharing an experiment (issue 18, item 6) in Chromium: "Share" on the experiment's page makes a link
// that a browser with no session opens — the comparison or the grid, live, with no actions — and that
// stops working, in plain words, once revoked. Screenshots of the shared page at 1280 and 390 px.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { ExperimentViewPage } from './pages/experiment-page';
import { ShareDialog } from './pages/share-dialog';

const SECRET = 'e2e-experiment-share-secret-2718';
const auth = { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` };

const compareBody = (text: string) => ({
  kind: 'compare',
  name: 'Which tone answers shipping best?',
  request: { messages: [{ type: 'user', text }] },
  variants: [
    { label: 'Plain', model: 'local' },
    { label: 'Brief', model: 'local', backstory: 'Answer briefly.' },
  ],
});

const batchBody = {
  kind: 'batch',
  name: 'Order status questions',
  request: { messages: [{ type: 'user', text: '' }] },
  variants: [
    { label: 'Ava (cheerful)', backstory: 'You are Ava, a cheerful support agent.' },
    { label: 'Bo (terse)', backstory: 'You are Bo, a terse support agent.' },
  ],
  rows: Array.from({ length: 12 }, (_, index) => ({ order_id: String(1000 + index) })),
  messageTemplate: 'Where is order {{order_id}}?',
  concurrency: 4,
};

/** The owner's actions, none of which a link's viewer may have. */
const ACTIONS = /Cancel|Retry|Share|Sign out/;

async function expectNoActions(page: Page) {
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button', { name: ACTIONS })).toHaveCount(0);
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Export|Open the run|Experiments/ })).toHaveCount(0);
}

test.describe('experiment share links', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer({ env: { API_SECRET: SECRET, LOCAL_TOKEN_DELAY_MS: '5' } });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  async function createExperiment(body: unknown): Promise<string> {
    const response = await fetch(`${server.url}/api/experiments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { experiment: { id: string } }).experiment.id;
  }

  async function shareByApi(id: string): Promise<string> {
    const response = await fetch(`${server.url}/api/experiments/${id}/shares`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    return `${server.url}${((await response.json()) as { share: { path: string } }).share.path}`;
  }

  test('"Share" makes a link that opens the comparison live without signing in, with no actions, until revoked', async ({
    page,
    browser,
  }) => {
    // Long enough (about 20 s) to still be running when the visitor opens the link on a loaded machine.
    const id = await createExperiment(compareBody('repeat 4000'));

    // The owner signs in and shares from the experiment's page.
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/experiments/${id}`)}`);
    await page.getByLabel('Secret').fill(SECRET);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Which tone answers shipping best?' })).toBeVisible();
    const sharing = new ShareDialog(page, 'experiment');
    await sharing.open();
    await expect(sharing.allowAnswering).toHaveCount(0);
    const url = await sharing.createLink();

    // A visitor with no session opens it: the comparison, still running, then finished — without a reload.
    const visitor = await browser.newContext();
    const viewer = await visitor.newPage();
    await viewer.goto(url);
    const shared = new ExperimentViewPage(viewer);
    await expect(viewer.getByRole('heading', { name: 'Which tone answers shipping best?' })).toBeVisible();
    await expect(viewer.getByText(/Shared with you to watch, read-only/)).toBeVisible();
    await expect(viewer.getByRole('heading', { name: 'Plain', exact: true })).toBeVisible();
    await expect(viewer.getByRole('heading', { name: 'Brief', exact: true })).toBeVisible();
    await expect(shared.status).toHaveAttribute('data-status', 'running');
    await expect(viewer.getByTestId('compare-reply').first()).not.toHaveText(/^…?$/);
    await expectNoActions(viewer);
    await expect(shared.status).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    for (const status of await viewer.getByTestId('run-status').all())
      await expect(status).toHaveAttribute('data-status', 'completed');

    // The owner's verdict shows on the shared page, read-only.
    await page.keyboard.press('Escape');
    await expect(sharing.dialog).toHaveCount(0);
    await page.getByLabel('Best answer: Brief').check();
    await page.getByLabel('Note').fill('Brief says the same in fewer words.');
    // The note's saving line (the page's other status line says what Cancel all did).
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved');
    await viewer.reload();
    const brief = viewer
      .getByTestId('compare-column')
      .filter({ has: viewer.getByRole('heading', { name: 'Brief' }) });
    await expect(brief.getByText('Best answer')).toBeVisible();
    // The conclusion comes first, above the answers (on a phone they are stacked, screens long), and its
    // best answer leads to that answer's column.
    const verdict = viewer.getByTestId('shared-verdict');
    await expect(verdict.getByRole('heading')).toHaveText('Best answer: Brief');
    await expect(verdict).toContainText('Brief says the same in fewer words.');
    const verdictBox = await verdict.boundingBox();
    const firstColumnBox = await viewer.getByTestId('compare-column').first().boundingBox();
    expect(verdictBox!.y).toBeLessThan(firstColumnBox!.y);
    await verdict.getByRole('link', { name: 'Brief' }).click();
    await expect(brief).toBeInViewport();
    await expectNoActions(viewer);

    // Nothing else opens with it: the experiments list and the runs list send the visitor to sign in.
    const elsewhere = await visitor.newPage();
    for (const path of ['/experiments', `/experiments/${id}`, '/runs']) {
      await elsewhere.goto(`${server.url}${path}`);
      await expect(elsewhere).toHaveURL(/\/sign-in/);
    }

    // Revoked from the experiment's page: the link stops working, and says so in plain words.
    await sharing.open();
    await sharing.revoke();
    await viewer.reload();
    await expect(viewer.getByRole('heading', { name: 'This link cannot be opened' })).toBeVisible();
    await expect(viewer.getByText('This share link was revoked by the person who shared it.')).toBeVisible();
    await expect(viewer.getByRole('heading', { name: 'Plain', exact: true })).toHaveCount(0);
    await visitor.close();

    // The owner's list of experiments says which answer was chosen, without opening each one.
    await page.goto(`${server.url}/experiments`);
    const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Which tone answers shipping best?' }) });
    await expect(listed.getByTestId('best-answer')).toHaveText('Best answer: Brief');
  });

  test('a shared batch shows its grid filling, with no cancel, retry, export or links into runs', async ({
    browser,
  }) => {
    const url = await shareByApi(await createExperiment(batchBody));
    const visitor = await browser.newContext();
    const viewer = await visitor.newPage();
    await viewer.goto(url);
    const shared = new ExperimentViewPage(viewer);
    await expect(shared.status).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    await expect(shared.progress).toHaveAttribute('aria-valuenow', '24');
    await expect(shared.cellsIn('completed').first()).toBeVisible();
    await expect(shared.grid.getByText('Where is order 1000?', { exact: true })).toBeVisible();
    await expect(shared.grid.getByRole('link')).toHaveCount(0);
    await expectNoActions(viewer);
    await visitor.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the shared comparison and grid fit 1280 and 390 pixels (${colorScheme})`, async ({ browser }) => {
      const compared = await createExperiment(compareBody('When does my order ship, and can I change the address?'));
      const verdict = await fetch(`${server.url}/api/experiments/${compared}`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ bestVariant: 1, note: 'Brief answers both questions in two lines.' }),
      });
      expect(verdict.status).toBe(200);
      const compareUrl = await shareByApi(compared);
      const batchUrl = await shareByApi(await createExperiment(batchBody));
      const visitor = await browser.newContext({ colorScheme });
      const viewer = await visitor.newPage();
      for (const width of [1280, 390]) {
        await viewer.setViewportSize({ width, height: 900 });
        for (const [name, url] of [
          ['compare', compareUrl],
          ['batch', batchUrl],
        ] as const) {
          await viewer.goto(url);
          await expect(new ExperimentViewPage(viewer).status).toHaveAttribute('data-status', 'finished', {
            timeout: 60_000,
          });
          if (name === 'compare') {
            await expect(viewer.getByTestId('run-status')).toHaveCount(2);
            for (const status of await viewer.getByTestId('run-status').all())
              await expect(status).toHaveAttribute('data-status', 'completed');
            for (const reply of await viewer.getByTestId('compare-reply').all())
              await expect(reply).not.toHaveText(/^…?$/);
          } else {
            // The progress bar has finished growing to full width.
            const bar = viewer.getByRole('progressbar');
            await expect
              .poll(() =>
                bar.evaluate(
                  (outer) => (outer.firstElementChild as HTMLElement).offsetWidth / outer.clientWidth,
                ),
              )
              .toBe(1);
          }
          expect(await viewer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            width,
          );
          await viewer.screenshot({
            path: `test-results/screenshots/shared-experiment-${name}-${width}-${colorScheme}.png`,
            fullPage: true,
          });
        }
      }
      await visitor.close();
    });
  }
});
