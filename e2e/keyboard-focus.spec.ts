// An operator on the keyboard keeps their place: removing or moving an item of a list, removing a variant,
// or turning a page of runs leaves focus somewhere that makes sense, never on the page's start (where the
// browser drops it when the focused button goes away or is disabled).
import { expect, test, type Page } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { ExperimentSetupPage } from './pages/experiment-page';
import { RunsPage } from './pages/runs-page';
import { dispatchRun, startWaitingComparison, userMessage } from './support/api';

/** Presses a control from the keyboard, as the operator does: focus it, then Enter. */
async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

test.describe('the builder’s lists keep the keyboard’s place', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('removing an item focuses the one that took its place, the one before, then the Add button', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('First');
    for (const text of ['Second', 'Third']) {
      await press(page, 'Add message');
      await builder
        .message(text === 'Second' ? 1 : 2)
        .getByLabel('Text')
        .fill(text);
    }

    await press(page, 'Remove message 2');
    // "Third" moved up into its place: the card is focused and read out by its name.
    await expect(builder.message(1)).toBeFocused();
    await expect(builder.message(1).getByLabel('Text')).toHaveValue('Third');
    await expect(page.getByRole('status').filter({ hasText: 'Removed Message 2' })).toBeVisible();

    await press(page, 'Remove message 2');
    await expect(builder.message(0)).toBeFocused();

    await press(page, 'Remove message 1');
    await expect(page.getByRole('button', { name: 'Add message' })).toBeFocused();
  });

  test('after a removal Undo is one key press away (Ctrl/⌘ + Z, said in the notice), and the item comes back focused', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('First');
    await press(page, 'Add message');
    await builder.message(1).getByLabel('Text').fill('Second');

    await press(page, 'Remove message 1');
    await expect(builder.message(0)).toBeFocused();
    // The notice sits at the end of the page; it says the key that reaches its Undo from anywhere.
    const notice = page.getByRole('status').filter({ hasText: 'Removed Message 1' });
    await expect(notice).toContainText('Removed Message 1. Press Ctrl/⌘ + Z to undo.');
    await page.keyboard.press('Control+z');
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('First');
    await expect(builder.message(1).getByLabel('Text')).toHaveValue('Second');
    await expect(builder.message(0)).toBeFocused();
    await expect(notice).toHaveCount(0);

    // In a text box the keys undo the typing, not the removal.
    await press(page, 'Remove message 2');
    await expect(page.getByRole('status').filter({ hasText: 'Removed Message 2' })).toBeVisible();
    const text = builder.message(0).getByLabel('Text');
    await text.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await page.keyboard.press('Control+z');
    await expect(text).toHaveValue('First');
    await expect(builder.message(1)).toHaveCount(0);
    // The notice's own Undo button does the same, and focus goes to the item it put back, not the page's start.
    await press(page, 'Undo');
    await expect(builder.message(1).getByLabel('Text')).toHaveValue('Second');
    await expect(builder.message(1)).toBeFocused();
  });

  test('a removed record or attachment leaves focus in its list', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.section('Attachments');
    await press(page, 'Add attachment');
    await press(page, 'Add attachment');
    await press(page, 'Remove attachment 2');
    await expect(page.getByRole('group', { name: 'Attachment 1', exact: true })).toBeFocused();
    await press(page, 'Remove attachment 1');
    await expect(page.getByRole('button', { name: 'Add attachment' })).toBeFocused();
  });

  test('moving an item to the top or bottom keeps focus on its other arrow', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('First');
    await press(page, 'Add message');
    await builder.message(1).getByLabel('Text').fill('Second');
    await press(page, 'Add message');
    await builder.message(2).getByLabel('Text').fill('Third');

    await press(page, 'Move message 3 up');
    // Focus moves with the item; it can go on up.
    await expect(page.getByRole('button', { name: 'Move message 2 up' })).toBeFocused();
    await page.keyboard.press('Enter');
    // At the top "up" is disabled: its other arrow takes focus, so Enter moves it back down.
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('Third');
    await expect(page.getByRole('button', { name: 'Move message 1 down' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(builder.message(2).getByLabel('Text')).toHaveValue('Third');
    await expect(page.getByRole('button', { name: 'Move message 3 up' })).toBeFocused();
  });
});

test('a comparison’s variants: Add focuses the new variant’s name, Remove the variant that took its place', async ({
  page,
}) => {
  await page.goto('/experiments/new?kind=compare');
  await page.evaluate(() => localStorage.clear());
  const setup = new ExperimentSetupPage(page);
  await setup.open('/experiments/new?kind=compare');
  await press(page, 'Add a variant');
  await expect(setup.variantField(2, 'Name')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Third');
  await press(page, 'Add a variant');
  await expect(setup.variantField(3, 'Name')).toBeFocused();
  // The last one goes: the one before it takes focus.
  await press(page, 'Remove “Variant 4”');
  await expect(setup.variant(2)).toBeFocused();
  await expect(setup.variant(2)).toHaveAccessibleName('Third');
  // One in the middle goes: the one that took its place takes focus, and Tab goes on into it.
  await press(page, 'Remove “Variant 2”');
  await expect(setup.variant(1)).toBeFocused();
  await expect(setup.variant(1)).toHaveAccessibleName('Third');
  await page.keyboard.press('Tab');
  await expect(setup.variantField(1, 'Name')).toBeFocused();
});

test('turning a page of runs focuses the new page’s table, named with its page, also on the last and first pages', async ({
  page,
  request,
}) => {
  const marker = `pages-${Date.now()}`;
  // One page and a bit: on the second page "Older" is disabled, on the first "Newer".
  for (let index = 0; index < 27; index += 1) await dispatchRun(request, userMessage(`${marker} ${index}`));
  const runs = new RunsPage(page);
  await runs.open(`?q=${marker}`);
  await expect(runs.rows).toHaveCount(25);

  await press(page, 'Older →');
  await expect(runs.rows).toHaveCount(2);
  const table = page.getByRole('table', { name: 'Runs, page 2, newest first' });
  await expect(table).toBeFocused();
  await expect(table).toBeInViewport();
  // Reading and Tab go on from the new page's start.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Select every run on this page' })).toBeFocused();

  await press(page, '← Newer');
  await expect(runs.rows).toHaveCount(25);
  await expect(page.getByRole('table', { name: 'Runs, page 1, newest first' })).toBeFocused();
});

test('Send a test event keeps focus while it sends, and its results are read out from a region there from the start', async ({
  page,
}) => {
  // The fast server sends webhooks to a receiver address (nothing need answer there: a refusal is a result too).
  await page.goto(`${process.env.E2E_FAST_BASE_URL}/webhooks`);
  const results = page.getByRole('status', { name: 'Test event results' });
  await expect(results).toBeAttached();
  await expect(results).toHaveText('');
  await press(page, 'Send a test event');
  await expect(results).toContainText(`http://127.0.0.1:${process.env.E2E_WEBHOOK_PORT}/hooks`);
  await expect(page.getByRole('button', { name: 'Send a test event' })).toBeFocused();
});

test('Cancel all on a comparison says what it stopped, and focus goes there (the button goes away with the runs)', async ({
  page,
  request,
}) => {
  const id = await startWaitingComparison(request, `keyboard-approvals-${Date.now()}`);
  await page.goto(`/experiments/${id}`);
  await expect(page.getByRole('region', { name: 'Brief' })).toContainText('Waiting for an answer');
  await expect(page.getByRole('region', { name: 'Plain' })).toContainText('Waiting for an answer');

  await press(page, 'Cancel all');
  const dialog = page.getByRole('dialog', { name: 'Cancel 2 runs?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel runs' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel all' })).toHaveCount(0);
  const outcome = page.getByRole('status').filter({ hasText: 'Cancelled 2 runs.' });
  await expect(outcome).toBeFocused();
});

test('the first Tab offers “Skip to content”, which moves focus past the header to the page', async ({
  page,
}) => {
  await page.goto('/runs');
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/runs$/);
  // The next Tab is the page's first control, beside its title, not the header's first link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Download as CSV' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
});

test('dismissing a run notification from the keyboard keeps focus with the toasts left, then returns it', async ({
  page,
  request,
}) => {
  const waitingRun = (text: string) =>
    dispatchRun(request, {
      messages: [{ type: 'user', text }],
      functions: [
        {
          name: 'lookupOrder',
          description: 'Look up an order',
          parameters: { type: 'object', properties: {} },
          result: { channel: `keyboard-toast-${Date.now()}-${text.length}` },
        },
      ],
    });
  // Toasts tell what happens after the page's first look at the notices.
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto('/runs');
  await firstLook;
  await waitingRun('Please lookupOrder 1 for the keyboard');
  await waitingRun('Please lookupOrder 22 for the keyboard');
  const toasts = page.getByRole('region', { name: 'Run notifications' }).getByTestId('run-toast');
  await expect(toasts).toHaveCount(2);

  // The operator was in the search box, then went to the toasts.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.focus();
  await toasts.first().getByRole('button', { name: 'Dismiss notification' }).focus();
  await page.keyboard.press('Enter');
  await expect(toasts).toHaveCount(1);
  await expect(toasts.first().getByRole('button', { name: 'Dismiss notification' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toasts).toHaveCount(0);
  await expect(search).toBeFocused();
});

test('a run notification says Alt + N reaches it from anywhere: focus goes to its link (so it stays), Escape goes back', async ({
  page,
  request,
}) => {
  const firstLook = page.waitForResponse((answer) => answer.url().endsWith('/api/runs/notices'));
  await page.goto('/runs');
  await firstLook;
  await dispatchRun(request, {
    messages: [{ type: 'user', text: 'Please lookupOrder 3 for Alt N' }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order',
        parameters: { type: 'object', properties: {} },
        result: { channel: `keyboard-alt-n-${Date.now()}` },
      },
    ],
  });
  const toast = page.getByRole('region', { name: 'Run notifications' }).getByTestId('run-toast');
  await expect(toast).toContainText('Press Alt + N, then Enter, to open it.');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.focus();
  await page.keyboard.press('Alt+n');
  await expect(toast.getByRole('link', { name: 'Open the run' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();
  await expect(toast).toHaveCount(1);
});

test('a question before cancelling starts on its safe answer, and Escape gives focus back to the button that asked', async ({
  page,
  request,
}) => {
  const channelId = await dispatchRun(request, userMessage('repeat 100000'));
  const runs = new RunsPage(page);
  await runs.open();
  const cancel = runs.row(channelId).getByRole('button', { name: /^Cancel run:/ });
  await cancel.focus();
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog', { name: 'Cancel this run?' });
  await expect(question.getByRole('button', { name: 'Keep it running' })).toBeFocused();
  // Enter out of habit keeps the run.
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(cancel).toBeFocused();
  await expect(runs.row(channelId).getByTestId('run-status')).not.toHaveAttribute('data-status', 'cancelled');
  await page.keyboard.press('Enter');
  await expect(question.getByRole('button', { name: 'Keep it running' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(cancel).toBeFocused();
  // Cancelled for real, so it does not stream for the rest of the suite.
  await request.post(`/api/runs/${channelId}/cancel`);
});

test('sending an answer that is not ready takes the keyboard back to the box, which says what is wrong', async ({
  page,
  request,
}) => {
  const channelId = await dispatchRun(request, {
    messages: [{ type: 'user', text: 'Please lookupOrder 5 for the keyboard' }],
    functions: [
      {
        name: 'lookupOrder',
        description: 'Look up an order',
        parameters: { type: 'object', properties: {} },
        result: { channel: `keyboard-answer-${Date.now()}` },
      },
    ],
  });
  await page.goto(`/runs/${channelId}`);
  const form = page.getByRole('form', { name: 'Answer the function' });
  const box = form.getByLabel('Your answer');
  await press(page, 'Send answer');
  await expect(box).toBeFocused();
  await expect(box).toHaveAccessibleDescription(/Write an answer first\./);
  await form.getByLabel('JSON').check();
  await box.fill('{"status": shipped}');
  await press(page, 'Send answer');
  await expect(box).toBeFocused();
  await expect(box).toHaveAccessibleDescription(/This is not valid JSON \(near line 1, column 12\)/);
  await box.fill('{"status": "shipped"}');
  await press(page, 'Send answer');
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'completed');
});

test('a focused text box shows a solid ring, in light and dark', async ({ page }) => {
  await page.goto('/runs');
  const search = page.getByRole('searchbox', { name: 'Search' });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await search.focus();
    const outline = await search.evaluate((element) => {
      const style = getComputedStyle(element);
      return { width: style.outlineWidth, style: style.outlineStyle, color: style.outlineColor };
    });
    expect(outline.width).toBe('2px');
    expect(outline.style).toBe('solid');
    // No alpha: a ring at 40% read 1.9:1 against the page.
    expect(outline.color).not.toMatch(/\/ 0\.\d|rgba\(.*, 0\.\d+\)/);
  }
});
