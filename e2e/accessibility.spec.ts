// The product-wide accessibility gate: every page, at 1280 and 390 px, light and dark, has no serious or
// critical axe-core violation (WCAG 2.1 A/AA rules: contrast, names, labels, landmarks…, and WCAG 2.2's
// target size: every control at least 24×24 px or far enough from the next). Branches that add pages add
// them to A11Y_PAGES.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';
import { dispatchRun, readAllEvents, startWaitingComparison, userMessage } from './support/api';

interface A11yPage {
  name: string;
  /** Arranges what the page needs (a run in some state) and returns its path. */
  path: (request: APIRequestContext) => Promise<string>;
  /** Waits until the page shows what is to be checked. */
  ready: (page: Page) => Promise<void>;
}

const status = (value: string) => async (page: Page) =>
  expect(page.getByTestId('run-status')).toHaveAttribute('data-status', value, { timeout: 30_000 });

const waitingRequest = {
  messages: [{ type: 'user' as const, text: 'Please lookupOrder for order 42' }],
  functions: [
    {
      name: 'lookupOrder',
      description: 'Look up an order by its number',
      parameters: {
        type: 'object' as const,
        properties: { order: { type: 'integer', description: 'Order number' } },
      },
      result: { channel: `a11y-${Date.now()}` },
    },
  ],
};

const completedRun = async (request: APIRequestContext) => {
  const channelId = await dispatchRun(request, {
    messages: [{ type: 'user', text: 'What is the status of my order 1234?' }],
    functions: [
      {
        name: 'getOrderStatus',
        description: 'Looks up an order',
        parameters: { type: 'object', properties: { orderId: { type: 'string' } } },
        result: { data: { status: 'shipped', carrier: 'DHL' } },
      },
    ],
  });
  await readAllEvents(request, channelId);
  return channelId;
};

/** A comparison whose two runs wait for a person's answer (a function answered on a channel). */
const waitingComparison = async (request: APIRequestContext) =>
  `/experiments/${await startWaitingComparison(request, 'refund-approvals')}`;

/** Starts an experiment, with the owner's verdict when given, and answers the path of a share link to it. */
async function sharedExperiment(
  request: APIRequestContext,
  body: unknown,
  verdict?: { bestVariant?: number; note?: string },
): Promise<string> {
  const response = await request.post('/api/experiments', { data: body });
  const { experiment } = (await response.json()) as { experiment: { id: string } };
  if (verdict) await request.patch(`/api/experiments/${experiment.id}`, { data: verdict });
  const shared = await request.post(`/api/experiments/${experiment.id}/shares`, { data: {} });
  return ((await shared.json()) as { share: { path: string } }).share.path;
}

export const A11Y_PAGES: A11yPage[] = [
  {
    name: 'builder',
    path: async () => '/',
    ready: async (page) => expect(page.getByRole('heading').first()).toBeVisible(),
  },
  {
    // A preset fills the form: the request preview is longer than its box and scrolls.
    name: 'builder with a preset',
    path: async () => '/',
    ready: async (page) => {
      await expect(page.locator('form[data-ready="true"]')).toBeAttached();
      await new BuilderPage(page).usePreset('Refund that waits for a person’s approval');
      await expect(page.getByTestId('json-preview')).toContainText('requestApproval');
    },
  },
  {
    // Three messages: the middle one can move up and down, so its small controls sit side by side.
    name: 'builder with three messages',
    path: async () => '/',
    ready: async (page) => {
      await expect(page.locator('form[data-ready="true"]')).toBeAttached();
      // The draft is kept across reloads: add only what is missing.
      const messages = page.getByRole('group', { name: /^Message \d+$/ });
      for (let count = await messages.count(); count < 3; count += 1) {
        await page.getByRole('button', { name: 'Add message' }).click();
        await expect(messages).toHaveCount(count + 1);
      }
      await expect(page.getByRole('button', { name: 'Move message 2 down' })).toBeEnabled();
    },
  },
  {
    name: 'runs list',
    path: async (request) => {
      await completedRun(request);
      return '/runs';
    },
    ready: async (page) => expect(page.locator('tbody tr').first()).toBeVisible(),
  },
  {
    // Every run on the page chosen: the bar's note and its actions (from the header checkbox, or on a
    // phone, where cards have no header, the bar's own button).
    name: 'runs list, every run on the page selected',
    path: async (request) => {
      await completedRun(request);
      await completedRun(request);
      return '/runs';
    },
    ready: async (page) => {
      await expect(page.locator('tbody tr').first()).toBeVisible();
      const bar = page.getByRole('group', { name: 'Selected runs' });
      const header = page.getByRole('checkbox', { name: 'Select every run on this page' });
      if (await header.isVisible()) await header.check();
      else await bar.getByRole('button', { name: /^Select all \d+ on this page$/ }).click();
      await expect(bar).toContainText(/All \d+ runs on this page are selected/);
    },
  },
  {
    name: 'live run, running',
    path: async (request) => `/runs/${await dispatchRun(request, userMessage('repeat 20000'))}`,
    ready: async (page) => {
      await status('running')(page);
      await expect(page.getByTestId('reply-text')).toBeVisible();
    },
  },
  {
    name: 'live run, waiting',
    path: async (request) => `/runs/${await dispatchRun(request, waitingRequest)}`,
    ready: status('waiting'),
  },
  {
    name: 'live run, completed',
    path: async (request) => `/runs/${await completedRun(request)}`,
    ready: status('completed'),
  },
  {
    name: 'presentation mode',
    path: async (request) => `/runs/${await completedRun(request)}?present=1`,
    ready: status('completed'),
  },
  {
    // The answer form as the room sees it: no JSON switch.
    name: 'presentation mode, waiting for an answer',
    path: async (request) => `/runs/${await dispatchRun(request, waitingRequest)}?present=1`,
    ready: status('waiting'),
  },
  {
    // The events list open, one event read in full below it.
    name: 'live run, an event read in full',
    path: async (request) => `/runs/${await dispatchRun(request, waitingRequest)}`,
    ready: async (page) => {
      await status('waiting')(page);
      const summary = page.getByText(/^(Show|Hide) events/);
      if ((await summary.textContent())?.startsWith('Show')) await summary.click();
      const log = page.getByRole('log', { name: 'Event timeline' });
      await log.getByRole('button').filter({ hasText: 'waitForChannelMessageBegin' }).click();
      await expect(page.getByRole('region', { name: /^Event #\d+ in full$/ })).toBeVisible();
    },
  },
  {
    name: 'shared view',
    path: async (request) => {
      const channelId = await dispatchRun(request, waitingRequest);
      const response = await request.post(`/api/runs/${channelId}/shares`, { data: { allowAnswer: true } });
      return ((await response.json()) as { share: { path: string } }).share.path;
    },
    ready: status('waiting'),
  },
  {
    name: 'webhooks',
    path: async () => '/webhooks',
    ready: async (page) => expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible(),
  },
  {
    name: 'overview',
    path: async () => '/overview',
    ready: async (page) => expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible(),
  },
  {
    // With an experiment in it, so its rows' links are checked too (their size and spacing).
    name: 'experiments list',
    path: async (request) => {
      await request.post('/api/experiments', {
        data: {
          kind: 'compare',
          name: 'Listed for the accessibility gate',
          request: userMessage('When does my order ship?'),
          variants: [
            { label: 'Local', model: 'local' },
            { label: 'Local, brief', model: 'local' },
          ],
        },
      });
      return '/experiments';
    },
    ready: async (page) =>
      expect(page.getByRole('link', { name: 'Listed for the accessibility gate' }).first()).toBeVisible(),
  },
  {
    name: 'new experiment',
    path: async () => '/experiments/new',
    ready: async (page) => expect(page.getByRole('heading').first()).toBeVisible(),
  },
  {
    name: 'new comparison of a question',
    path: async () => '/experiments/new?kind=compare',
    ready: async (page) => expect(page.getByLabel('Question', { exact: true })).toBeVisible(),
  },
  {
    name: 'experiment, compare',
    path: async (request) => {
      const response = await request.post('/api/experiments', {
        data: {
          kind: 'compare',
          request: userMessage('When does my order ship?'),
          variants: [
            { label: 'Local', model: 'local' },
            { label: 'Local, brief', model: 'local', backstory: 'Answer briefly.' },
          ],
        },
      });
      return `/experiments/${((await response.json()) as { experiment: { id: string } }).experiment.id}`;
    },
    ready: async (page) => expect(page.getByRole('heading', { name: 'Local', exact: true })).toBeVisible(),
  },
  {
    // Runs that wait for an answer: each column says on what, and "Cancel all" stands above them.
    name: 'experiment, compare waiting for an answer',
    path: waitingComparison,
    ready: async (page) => {
      await expect(page.getByTestId('compare-waiting')).toHaveCount(2);
      await expect(page.getByRole('button', { name: 'Cancel all' })).toBeVisible();
    },
  },
  {
    // "Cancel all" asks first, in the runs list's dialog.
    name: 'experiment, compare asking before cancelling all',
    path: waitingComparison,
    ready: async (page) => {
      await expect(page.getByTestId('compare-waiting')).toHaveCount(2);
      await page.getByRole('button', { name: 'Cancel all' }).click();
      await expect(page.getByRole('dialog', { name: 'Cancel 2 runs?' })).toBeVisible();
    },
  },
  {
    // Columns cancelled before they answered say so, with no best-answer choice.
    name: 'experiment, compare cancelled before answering',
    path: waitingComparison,
    ready: async (page) => {
      // Cancelled on the first visit; the later ones (other widths and schemes) find it cancelled.
      const cancelAll = page.getByRole('button', { name: 'Cancel all' });
      const cancelled = page.getByText('Cancelled before it answered');
      await expect(page.getByTestId('compare-waiting').first().or(cancelled.first())).toBeVisible();
      if (await cancelAll.isVisible()) {
        await cancelAll.click();
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel runs' }).click();
      }
      await expect(cancelled).toHaveCount(2);
    },
  },
  {
    // "Runs at once" out of range is said on its field, with the other fields' problems.
    name: 'new batch with its problems shown',
    path: async () => '/experiments/new?kind=batch',
    ready: async (page) => {
      await page.getByLabel('Runs at once').fill('50');
      await page.getByRole('button', { name: 'Start the batch' }).click();
      await expect(page.getByText('Use a whole number from 1 to 16.')).toBeVisible();
    },
  },
  {
    // The owner's grid: every finished cell is a link to its run, beside the export and share buttons.
    name: 'experiment, batch grid',
    path: async (request) => {
      const response = await request.post('/api/experiments', {
        data: {
          kind: 'batch',
          request: userMessage(''),
          variants: [{ label: 'Ava' }, { label: 'Bo', backstory: 'Be terse.' }],
          rows: [{ order_id: '17' }, { order_id: '18' }, { order_id: '19' }],
          messageTemplate: 'Where is order {{order_id}}?',
        },
      });
      return `/experiments/${((await response.json()) as { experiment: { id: string } }).experiment.id}`;
    },
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Answers by input and variant' })).toBeVisible();
      await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'finished', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'shared experiment, compare',
    path: (request) =>
      sharedExperiment(
        request,
        {
          kind: 'compare',
          request: userMessage('When does my order ship?'),
          variants: [
            { label: 'Local', model: 'local' },
            { label: 'Local, brief', model: 'local', backstory: 'Answer briefly.' },
          ],
        },
        { bestVariant: 1, note: 'The brief one says the same in fewer words.' },
      ),
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Local', exact: true })).toBeVisible();
      await expect(page.getByTestId('shared-verdict')).toBeVisible();
      await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'finished', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'shared experiment, batch grid',
    path: (request) =>
      sharedExperiment(request, {
        kind: 'batch',
        request: userMessage(''),
        variants: [{ label: 'Ava' }, { label: 'Bo', backstory: 'Be terse.' }],
        rows: [{ order_id: '17' }, { order_id: '18' }, { order_id: '19' }],
        messageTemplate: 'Where is order {{order_id}}?',
      }),
    ready: async (page) => {
      await expect(page.getByRole('table', { name: 'Answers by input and variant' })).toBeVisible();
      await expect(page.getByTestId('experiment-status')).toHaveAttribute('data-status', 'finished', {
        timeout: 30_000,
      });
    },
  },
  {
    name: 'missing run',
    path: async () => '/runs/no-such-run-for-the-gate',
    ready: async (page) => expect(page.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible(),
  },
  {
    name: 'missing experiment',
    path: async () => '/experiments/exp_no-such-experiment-for-the-gate',
    ready: async (page) => expect(page.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible(),
  },
  {
    name: 'sign-in',
    path: async () => '/sign-in',
    ready: async (page) => expect(page.getByRole('button').first()).toBeVisible(),
  },
];

const BLOCKING = new Set(['serious', 'critical']);

// axe ships target-size (WCAG 2.2, 2.5.8) and label-content-name-mismatch (WCAG 2.1, 2.5.3: a control's
// name contains its visible words, so voice control can say it) switched off; both run here beside the
// tagged rules. One options object, because AxeBuilder's options() replaces what withTags() set.
const AXE_OPTIONS = {
  runOnly: { type: 'tag' as const, values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { 'target-size': { enabled: true }, 'label-content-name-mismatch': { enabled: true } },
};

for (const target of A11Y_PAGES) {
  test(`${target.name}: no serious or critical accessibility violation at 1280 and 390 px, light and dark`, async ({
    page,
    request,
  }) => {
    const path = await target.path(request);
    const problems: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(path);
        await target.ready(page);
        // Colours are checked at rest: a button mid-way through its 150 ms colour transition (e.g. the
        // moment it becomes enabled) is neither its old nor its new colour.
        await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
        const results = await new AxeBuilder({ page }).options(AXE_OPTIONS).analyze();
        // The gate would pass silently if the rule stopped running (e.g. options() after withTags()).
        const checked = [
          ...results.passes,
          ...results.violations,
          ...results.incomplete,
          ...results.inapplicable,
        ];
        for (const switchedOn of Object.keys(AXE_OPTIONS.rules))
          if (!checked.some((rule) => rule.id === switchedOn))
            problems.push(`${colorScheme} ${width}px — ${switchedOn} did not run`);
        for (const violation of results.violations.filter((found) => BLOCKING.has(found.impact ?? ''))) {
          const where = violation.nodes
            .slice(0, 5)
            .map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n')[1] ?? ''}`);
          problems.push(
            `${colorScheme} ${width}px — ${violation.id} (${violation.impact}, ${violation.nodes.length} elements): ${violation.help}\n    ${where.join('\n    ')}`,
          );
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
