// Experiments in the browser: Compare from the builder streams two engines side by side; a batch
// upload maps columns into the message, fills a virtualized grid live, cancels, retries and exports.
import fs from 'node:fs';
import Papa from 'papaparse';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { BuilderPage } from './pages/builder-page';
import { ExperimentSetupPage, ExperimentViewPage } from './pages/experiment-page';
import { LivePage } from './pages/live-page';

const fastServer = process.env.E2E_FAST_BASE_URL ?? '';
const ORDERS_CSV = 'order_id,status\n17,shipped on Monday\n18,"waiting for stock, sorry"\n19,delivered\n';

async function uploadOrders(setup: ExperimentSetupPage) {
  await setup.open();
  await setup.upload('orders.csv', ORDERS_CSV);
  await expect(setup.page.getByTestId('upload-summary')).toHaveText(
    'orders.csv: 3 rows, columns order_id, status',
  );
  // Opened on its own, with no conversation from the builder, the first variant is not "As in the builder".
  await expect(setup.variant(0).getByLabel('Variant 1 › Name')).toHaveValue('Variant 1');
}

async function readDownload(page: Page, linkName: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  return fs.readFileSync(await download.path(), 'utf8');
}

/** Sends a conversation from the builder (on the fast server) to a new comparison's setup. */
async function compareFromBuilder(page: Page, text: string): Promise<ExperimentSetupPage> {
  const builder = new BuilderPage(page);
  await builder.open(`${fastServer}/`);
  await builder.message(0).getByLabel('Text').fill(text);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForURL(/\/experiments\/new$/);
  return new ExperimentSetupPage(page);
}

test('Compare from the builder streams the local engine and an OpenAI-compatible one side by side', async ({
  page,
}) => {
  const setup = await compareFromBuilder(page, 'When does my order ship?');
  await expect(page.getByTestId('handed-conversation')).toContainText('When does my order ship?');

  // As handed over, both variants would send the same request: the page says so before anything runs.
  await expect(page.getByTestId('alike-variants')).toHaveText(
    '“As in the builder” and “Variant 2” have the same model and backstory, so their answers will be alike. Change the model or the backstory of one of them to compare something.',
  );
  // Both would go to the built-in demo engine: said before anything runs, with a model that would answer.
  const demoNote = page.getByTestId('demo-engine-note');
  await expect(demoNote).toContainText('No AI model answers this experiment yet.');
  await expect(demoNote).toContainText(/give a variant a model this server has set up, for example openai\/\S+\.$/);
  await setup.setVariant(0, { name: 'Local', model: 'local' });
  await setup.setVariant(1, { name: 'Fake GPT', model: 'openai/fake-model' });
  await expect(page.getByTestId('alike-variants')).toHaveCount(0);
  await expect(demoNote).toHaveCount(0);
  await setup.start();

  const columns = page.getByTestId('compare-column');
  await expect(columns).toHaveCount(2);
  const local = columns.filter({ has: page.getByRole('heading', { name: 'Local' }) });
  const openai = columns.filter({ has: page.getByRole('heading', { name: 'Fake GPT' }) });
  await expect(openai.getByTestId('compare-reply')).toHaveText(
    'The fake model says your order ships on Monday.',
  );
  await expect(local.getByTestId('compare-reply')).not.toHaveText(/^…?$/);
  // The model asked for answered: said once, not again after an arrow; the demo engine is named as such.
  await expect(openai.getByTestId('variant-model')).toHaveText('Model openai/fake-model');
  await expect(local.getByTestId('variant-model')).toHaveText('Model local → answered by the built-in demo engine');
  for (const column of [local, openai]) {
    await expect(column.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
    // Figures as the server measured them once the run ended.
    await expect(column.getByRole('definition').nth(1)).not.toHaveText('—');
    await expect(column.getByRole('definition').nth(2)).not.toHaveText('0');
  }
  // What a text piece is, said once under the columns rather than in each.
  await expect(page.getByText('A text piece is a word or part of a word', { exact: false })).toHaveCount(1);
  await expect(page.getByTestId('text-piece-meaning')).toBeVisible();

  await openai.getByLabel('Best answer: Fake GPT').check();
  await page.getByLabel('Note').fill('Shorter and names the day.');
  // The note's saving line (the page's other status line says what Cancel all did).
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved');
  await page.reload();
  await expect(page.getByLabel('Best answer: Fake GPT')).toBeChecked();
  await expect(page.getByLabel('Note')).toHaveValue('Shorter and names the day.');
  await expect(openai.getByTestId('compare-reply')).toHaveText(
    'The fake model says your order ships on Monday.',
  );
});

test.describe('a first experiment', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('a first-time user learns the two kinds from the empty list and compares answers to a question typed there, without the builder', async ({
    page,
  }) => {
    await page.goto(`${server.url}/experiments`);
    await expect(page.getByTestId('no-experiments')).toContainText('A comparison asks 2–4 models');
    await expect(page.getByTestId('no-experiments')).toContainText('A batch sends a message to every row');
    await page.getByRole('link', { name: 'New comparison' }).click();
    await page.waitForURL(/\/experiments\/new\?kind=compare$/);
    await expect(page.getByRole('radio', { name: 'Compare answers to a question' })).toBeChecked();

    // Nothing to ask yet: one problem, in words, with the question field focused.
    const setup = new ExperimentSetupPage(page);
    await setup.startButton.click();
    const question = page.getByLabel('Question', { exact: true });
    await expect(page.getByText('Write the question each variant answers.')).toBeVisible();
    await expect(question).toBeFocused();

    await question.fill('repeat 3');
    // The two starting variants would send the same request: said before anything runs.
    await expect(page.getByTestId('alike-variants')).toBeVisible();
    // And no AI model would answer it: this server has only the built-in demo engine.
    await expect(page.getByTestId('demo-engine-note')).toContainText(
      'This server has no other engine set up yet: whoever runs it can connect one',
    );
    await setup.setVariant(0, { name: 'Plain' });
    await setup.setVariant(1, { name: 'Brief', backstory: 'Answer in one line.' });
    await expect(page.getByTestId('alike-variants')).toHaveCount(0);
    await setup.start();

    const replies = page.getByTestId('compare-reply');
    await expect(replies).toHaveCount(2);
    for (const reply of await replies.all()) await expect(reply).toHaveText('token1 token2 token3');
    // No conversation, no model of its own: each column says the server's default engine answered.
    await expect(page.getByTestId('compare-column').first()).toContainText('The default engine');
    // The answers can be taken away, as a batch's can: one line per variant.
    const csv = (await readDownload(page, 'Export CSV')).trim().split(/\r?\n/);
    expect(csv[0]).toBe('row,input,variant,model,output,status,tokens,timeToFirstTokenMs,durationMs,error,channelId');
    expect(csv.slice(1).map((line) => line.split(',').slice(1, 6))).toEqual([
      ['repeat 3', 'Plain', 'default', 'token1 token2 token3', 'completed'],
      ['repeat 3', 'Brief', 'default', 'token1 token2 token3', 'completed'],
    ]);
    const jsonl = (await readDownload(page, 'Export JSONL')).trim().split('\n');
    expect(jsonl.map((line) => (JSON.parse(line) as { variant: string }).variant)).toEqual(['Plain', 'Brief']);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await expect(page.getByRole('link', { name: 'Compare: repeat 3' })).toBeVisible();
    await expect(page.getByTestId('no-experiments')).toHaveCount(0);
  });
});

test('a batch asks for its file and message first, then who answers them', async ({ page }) => {
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  const sections = await page.locator('form[aria-label="New experiment"] > fieldset > legend').allTextContents();
  expect(sections).toEqual(['What to run', 'Inputs', 'Variants']);
});

test('a note on a comparison is kept as it is typed, even when the page is reloaded or left at once', async ({
  page,
}) => {
  const id = await (await compareFromBuilder(page, 'When does my order ship?')).start();
  const note = page.getByLabel('Note');

  await note.fill('Typed, then reloaded at once.');
  await page.reload();
  await expect(note).toHaveValue('Typed, then reloaded at once.');

  await note.fill('Typed, then left through a link.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
  await page.waitForURL(/\/experiments$/);
  await expect
    .poll(async () => {
      const response = await page.request.get(`${fastServer}/api/experiments/${encodeURIComponent(id)}`);
      return ((await response.json()) as { experiment: { note?: string } }).experiment.note;
    })
    .toBe('Typed, then left through a link.');
});

test('a compared reply starts at its first word, without the space its first token began with', async ({
  page,
}) => {
  // The local engine's tokens each begin with a space: " token1", " token2", " token3".
  await (await compareFromBuilder(page, 'repeat 3')).start();
  const replies = page.getByTestId('compare-reply');
  await expect(replies).toHaveCount(2);
  for (const reply of await replies.all()) {
    await expect(reply).toHaveText('token1 token2 token3');
    // toHaveText ignores leading white space; the page does not (the reply keeps its line breaks).
    expect(await reply.evaluate((element) => element.textContent)).toBe('token1 token2 token3');
  }
});

/** Creates an experiment on the fast server through the API; its id. */
async function createExperiment(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const created = await request.post(`${fastServer}/api/experiments`, { data });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { experiment: { id: string } }).experiment.id;
}

/** A comparison whose request has a help dataset: the local engine answers with a Markdown list of records. */
async function startPasswordComparison(request: APIRequestContext): Promise<string> {
  return createExperiment(request, {
    kind: 'compare',
    name: `Password help ${Date.now()}`,
    request: {
      messages: [{ type: 'user', text: 'How do I reset my password?' }],
      extensions: {
        datasets: [
          {
            name: 'Help',
            records: [
              { text: 'To reset your password, open Settings and choose **Reset password**.' },
              { text: 'A password reset link expires after <b>one hour</b>.' },
            ],
          },
        ],
      },
    },
    variants: [{ label: 'Plain' }, { label: 'Ava', backstory: 'You are Ava.' }],
  });
}

test('a compared answer reads as the run page shows it: a Markdown list is a list, raw HTML stays text', async ({
  page,
  request,
}) => {
  const id = await startPasswordComparison(request);
  await page.goto(`${fastServer}/experiments/${id}`);
  const replies = page.getByTestId('compare-reply');
  await expect(replies).toHaveCount(2);
  for (const reply of await replies.all()) {
    const items = reply.getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toHaveText('"To reset your password, open Settings and choose Reset password." (Help)');
    // Bold is bold, with no asterisks; no line starts with the list's dash.
    await expect(items.first().locator('strong')).toHaveText('Reset password');
    await expect(reply).not.toContainText('- "');
    await expect(reply).not.toContainText('**');
    // The reply's HTML is shown as typed, never made into elements.
    await expect(items.nth(1)).toContainText('<b>one hour</b>');
    await expect(reply.locator('b')).toHaveCount(0);
  }

  // The run page renders the same answer with the same renderer: the same list, item for item.
  const shownInCompare = await replies.first().getByTestId('reply-markdown').innerHTML();
  await page.getByTestId('compare-column').first().getByRole('link', { name: 'Open the run' }).click();
  await page.waitForURL(/\/runs\//);
  const onRunPage = page.getByTestId('reply-text').getByTestId('reply-markdown');
  await expect(onRunPage.getByRole('listitem')).toHaveCount(2);
  expect(await onRunPage.innerHTML()).toBe(shownInCompare);
});

test('a variant goes by one name on screen: its card, the warning about alike variants and its column', async ({
  page,
}) => {
  const setup = await compareFromBuilder(page, 'When does my order ship?');
  const headings = page.getByRole('group', { name: 'Variants', exact: true }).getByRole('heading');
  // Each card is headed with the variant's name, the one the warning uses.
  await expect(headings).toHaveText(['As in the builder', 'Variant 2']);
  await expect(setup.variant(0)).toHaveAccessibleName('As in the builder');
  await expect(setup.variantField(0, 'Model')).toHaveAccessibleName('As in the builder › Model');
  await expect(page.getByTestId('alike-variants')).toHaveText(
    /^“As in the builder” and “Variant 2” have the same model and backstory/,
  );

  // Named as the other, it is told apart by its place, and the name's problem is said at once.
  await setup.setVariant(1, { name: 'As in the builder' });
  await expect(page.getByTestId('alike-variants')).toHaveText(/^Variants 1 and 2 have the same model and backstory/);
  await expect(setup.variantField(1, 'Name')).toHaveAccessibleDescription(
    'Another variant is called “As in the builder”. Give each variant its own name.',
  );

  // Renamed, the card and the warning follow at once.
  await setup.setVariant(1, { name: 'Careful' });
  await expect(headings).toHaveText(['As in the builder', 'Careful']);
  await expect(page.getByTestId('alike-variants')).toHaveText(
    /^“As in the builder” and “Careful” have the same model and backstory/,
  );

  // A variant added after one was taken away gets a name no other variant has.
  await page.getByRole('button', { name: 'Add a variant' }).click();
  await expect(headings).toHaveText(['As in the builder', 'Careful', 'Variant 3']);
  await setup.variant(0).getByRole('button', { name: 'Remove “As in the builder”' }).click();
  await page.getByRole('button', { name: 'Add a variant' }).click();
  await expect(headings).toHaveText(['Careful', 'Variant 3', 'Variant 4']);

  // Two variants of one name could not be told apart in the columns: the form says so and starts nothing.
  await setup.setVariant(2, { name: 'careful ', backstory: 'You are Bo.' });
  await setup.setVariant(1, { backstory: 'You are Ava.' });
  await setup.startButton.click();
  const repeated = setup.variantField(2, 'Name');
  await expect(repeated).toBeFocused();
  await expect(repeated).toHaveAccessibleDescription(
    'Another variant is called “careful”. Give each variant its own name.',
  );
  await expect(page).toHaveURL(/\/experiments\/new$/);

  await repeated.fill('Bo');
  await setup.start();
  const columnHeadings = page.getByTestId('compare-column').getByRole('heading', { level: 2 });
  await expect(columnHeadings).toHaveText(['Careful', 'Variant 3', 'Bo']);
});

test('a batch opened on its own says what its variants answer, with model examples that work on this server', async ({
  page,
}) => {
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  const variants = page.getByRole('group', { name: 'Variants' });
  await expect(variants.getByText(/^Each variant answers every input of the file/)).toBeVisible();
  const variant = setup.variant(0);
  // This server has only the local engine, so that is the only example, and there is no conversation
  // whose model or backstory an empty field could keep.
  await expect(variant.getByText('For example: local. Empty means the default engine (local).')).toBeVisible();
  await expect(variant.getByText('Leave empty for no backstory.')).toBeVisible();
  await expect(variant.getByLabel('Variant 1 › Model')).toHaveAttribute('placeholder', 'The default engine');
  await expect(variants.getByText(/openai/)).toHaveCount(0);
});

test('a file whose values hold unquoted commas is refused in plain words, its shifted rows not shown, and Start says what is left', async ({
  page,
}) => {
  const setup = new ExperimentSetupPage(page);
  await setup.open();
  const rows = Array.from({ length: 12 }, (_, index) => `A-${index},packing,waiting for stock, 2 days`);
  await setup.upload('orders.csv', `order_id,status,note\n${rows.join('\n')}\n`);
  const file = page.getByLabel('File of inputs', { exact: true });
  await expect(file).toHaveAccessibleDescription(
    /12 rows have more values than the header row has columns \(lines 2, 3, 4, 5, 6 and 7 more\)\. A value with a comma in it must be in double quotes/,
  );
  await expect(page.getByText(/Too many fields|parsed/)).toHaveCount(0);
  // Its rows are not shown as inputs: their values sit in the wrong columns.
  await expect(page.getByTestId('upload-summary')).toHaveCount(0);
  await page.getByLabel('Message').fill('Where is order {{order_id}}?');
  await expect(page.getByTestId('message-preview')).toHaveCount(0);
  await setup.startButton.click();
  await expect(page.getByTestId('start-problems')).toHaveText('One thing to fix above first (marked in red).');
  await expect(file).toBeFocused();
  await expect(page).toHaveURL(/\/experiments\/new/);
  // Fixed, the file is taken and the line beside Start goes.
  await setup.upload('orders.csv', 'order_id,status,note\nA-1,packing,"waiting for stock, 2 days"\n');
  await expect(page.getByTestId('upload-summary')).toHaveText('orders.csv: 1 row, columns order_id, status, note');
  await expect(page.getByTestId('start-problems')).toHaveCount(0);
});

test('a batch upload maps columns into the message and a record, refuses an unknown column, and fills the grid', async ({
  page,
}) => {
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  await page.getByLabel('Message').fill('Where is order {{orderid}}?');
  await setup.startButton.click();
  const messageField = page.getByLabel('Message');
  await expect(messageField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('No column named "orderid" in the upload')).toBeVisible();
  await expect(page).toHaveURL(/\/experiments\/new/);

  await messageField.fill('Where is order {{order_id}}?');
  await expect(page.getByTestId('message-preview')).toHaveText('First message: Where is order 17?');
  await page.getByLabel('Dataset record (optional)').fill('Order {{order_id}}: {{status}}');
  await setup.setVariant(0, { name: 'Ava', backstory: 'You are Ava.' });
  await setup.setVariant(1, { name: 'Bo', backstory: 'You are Bo.' });
  const id = await setup.start();

  const view = new ExperimentViewPage(page);
  await expect(view.cellsIn('completed')).toHaveCount(6);
  await expect(view.progress).toHaveAttribute('aria-valuenow', '6');
  await expect(view.status).toHaveAttribute('data-status', 'finished');
  const firstRow = view.grid.locator('[data-row="1"]');
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('Where is order 18?');
  // At 1280 px every variant fits: no word about scrolling sideways.
  await expect(page.getByText(/Scroll the grid sideways/)).toHaveCount(0);
  // Each cell shows its answer's opening: past the persona the variant's backstory gave it (the same in
  // every row of the column), to what this row's answer says.
  // (A screen reader hears the variant first; the link's name is what the cell shows, after it.)
  await expect(firstRow.getByRole('cell').nth(2)).toHaveText(
    /^Ava: CompletedI'm Ava\. From the datasets: "Order 18: waiting for stock, sorry"/,
  );
  await expect(firstRow.getByRole('cell').nth(3)).toHaveText(/^Bo: CompletedI'm Bo\. From the datasets: "Order 18:/);

  // Export: every answer in full, with its figures.
  const csv = Papa.parse<Record<string, string>>(await readDownload(page, 'Export CSV'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.data.map((line) => [line.row, line.input, line.variant, line.status])).toEqual([
    ['1', 'Where is order 17?', 'Ava', 'completed'],
    ['1', 'Where is order 17?', 'Bo', 'completed'],
    ['2', 'Where is order 18?', 'Ava', 'completed'],
    ['2', 'Where is order 18?', 'Bo', 'completed'],
    ['3', 'Where is order 19?', 'Ava', 'completed'],
    ['3', 'Where is order 19?', 'Bo', 'completed'],
  ]);
  expect(csv.data[2].output).toContain('waiting for stock, sorry');
  // The row's record is named by the input it came from, not a bare "Row".
  expect(csv.data[2].output).toContain('(Input 2 of the batch)');
  await expect(firstRow.getByRole('cell').nth(2)).not.toContainText('(Row)');
  expect(csv.data[3].output).toContain('Bo');
  for (const line of csv.data) {
    expect(Number(line.tokens)).toBeGreaterThan(0);
    expect(line.timeToFirstTokenMs).toMatch(/^\d+$/);
    expect(line.durationMs).toMatch(/^\d+$/);
  }
  const jsonl = (await readDownload(page, 'Export JSONL'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(jsonl).toHaveLength(6);
  expect(jsonl[4]).toMatchObject({
    row: 3,
    input: 'Where is order 19?',
    inputs: { order_id: '19', status: 'delivered' },
    variant: 'Ava',
  });
  expect(jsonl.map((line) => line.output)).toEqual(csv.data.map((line) => line.output));

  // Kept: listed, and reopening shows the same grid.
  await page.goto('/experiments');
  const listed = page.locator(`a[href="/experiments/${id}"]`);
  await expect(listed).toHaveText('Batch of 3 rows, e.g. “Where is order 17?”');
  await listed.click();
  await expect(view.cellsIn('completed')).toHaveCount(6);
});

test('a large batch fills a virtualized grid; cancel-all stops it and retry-failed finishes it', async ({
  page,
}) => {
  const rows = Array.from({ length: 300 }, (_, index) =>
    JSON.stringify({ question: `repeat 20 question ${index + 1}` }),
  );
  const setup = new ExperimentSetupPage(page);
  await setup.open();
  await setup.upload('questions.jsonl', rows.join('\n'), 'application/jsonl');
  await expect(page.getByTestId('upload-summary')).toHaveText('questions.jsonl: 300 rows, columns question');
  // One column, one thing to send: the message starts as it.
  await expect(page.getByLabel('Message')).toHaveValue('{{question}}');
  await page.getByLabel('Runs at once').fill('4');
  await setup.start();

  const view = new ExperimentViewPage(page);
  await expect(view.grid).toHaveAttribute('aria-rowcount', '301');
  await expect(view.cellsIn('completed').first()).toBeVisible();
  // Only the rows in view are in the page.
  expect(await view.renderedRows().count()).toBeLessThan(60);

  await page.getByRole('button', { name: 'Cancel all' }).click();
  const confirm = page.getByRole('dialog', { name: /^Cancel [\d,]+ runs\?$/ });
  await expect(confirm).toContainText(/runs not started yet will not start\./);
  // Each run is named by its input and variant, without an id made of the experiment's row numbers.
  await expect(confirm.getByRole('listitem').first()).toContainText(/^repeat 20 question \d+ · Variant \d$/);
  await expect(confirm).not.toContainText('(Run ');
  await confirm.getByRole('button', { name: 'Cancel runs' }).click();
  await expect(view.status).toHaveAttribute('data-status', 'cancelled');
  // Nothing failed: the retry is named after what it sends again, and the progress counts answers only.
  const retry = page.getByRole('button', { name: /^Retry cancelled \([\d,]+\)$/ });
  await expect(retry).toBeVisible();
  const completed = Number(/^([\d,]+) completed/.exec(await page.getByTestId('batch-counts').innerText())?.[1].replace(/,/g, ''));
  expect(completed).toBeLessThan(600);
  await expect(page.locator('#batch-progress-label')).toHaveText(`${completed.toLocaleString('en')} of 600 answered`);
  await expect(view.progress).toHaveAttribute('aria-valuenow', String(completed));
  await expect(view.grid.locator('[data-row="299"]')).toHaveCount(0);
  await view.grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(view.grid.locator('[data-row="299"] [data-testid="cell-status"]').first()).toHaveAttribute(
    'data-status',
    'cancelled',
  );

  await retry.click();
  await expect(view.status).toHaveAttribute('data-status', 'running');
  await expect(view.status).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  await expect(view.progress).toHaveAttribute('aria-valuenow', '600');
  await expect(page.getByTestId('batch-counts')).toContainText('600 completed · 0 failed · 0 cancelled');
  await expect(view.grid.locator('[data-row="299"] [data-testid="cell-status"]').first()).toHaveAttribute(
    'data-status',
    'completed',
  );
});

test('on a phone the batch grid tells rows apart: the whole input, and the answer past its lead-in', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  await page.getByLabel('Message').fill('Where is order number {{order_id}}?');
  await page.getByLabel('Dataset record (optional)').fill('Order {{order_id}}: {{status}}');
  const id = await setup.start();

  const view = new ExperimentViewPage(page);
  await expect(view.cellsIn('completed')).toHaveCount(6);
  const input = view.grid.locator('[data-row="1"]').getByRole('cell').nth(1);
  await expect(input).toHaveText('Where is order number 18?');
  // Nothing of the input is cut off in its cell.
  expect(
    await input.evaluate(
      (cell) => cell.scrollHeight <= cell.clientHeight && cell.scrollWidth <= cell.clientWidth,
    ),
  ).toBe(true);
  // The second variant is off to the side: the page says the grid scrolls sideways.
  await expect(page.getByText('Scroll the grid sideways to see every variant (2 in all).')).toBeVisible();
  // The grid is as tall as its three rows, not a box of empty space below them.
  expect((await view.grid.boundingBox())?.height ?? Infinity).toBeLessThan(300);
  // The local engine's answer starts "From the datasets:"; the cell goes on to the record it found.
  await expect(view.grid.locator('[data-row="1"]').getByRole('cell').nth(2)).toContainText(
    'Order 18: waiting for stock',
  );

  // The list fits the phone: kind, size and when it started under the name, nothing cut off at the edge.
  await page.goto('/experiments');
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="/experiments/${id}"]`) });
  await expect(row).toContainText('Batch · 3 inputs × 2 variants');
  await expect(row).toContainText(/Started \w{3} \d{1,2}, \d{4}, \d{2}:\d{2}/);
  const box = await row.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
});

test('on a phone a long input shows two whole lines in its cell, not a sliver of a third', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  await page
    .getByLabel('Message')
    .fill(
      'Where is order number {{order_id}}? It was meant to arrive last week and the tracking page says: {{status}}',
    );
  await setup.start();

  const view = new ExperimentViewPage(page);
  const input = view.grid.locator('[data-row="1"]').getByRole('cell').nth(1);
  await expect(input).toContainText('Where is order number 18?');
  // The box that cuts the input short is as tall as whole lines: two of them, with the rest cut off.
  const shown = await input.evaluate((cell) => {
    let box = cell.firstChild instanceof Element ? cell.firstChild : cell;
    while (box !== cell && getComputedStyle(box).overflowY === 'visible') box = box.parentElement ?? cell;
    const style = getComputedStyle(box);
    const height = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return {
      lines: Math.round((height / parseFloat(style.lineHeight)) * 100) / 100,
      cut: box.scrollHeight > box.clientHeight,
    };
  });
  expect(shown).toEqual({ lines: 2, cut: true });
});

test('an address with no experiment says so as a missing run does, with the way back', async ({ page }) => {
  await page.goto('/experiments/exp_no-such-experiment');
  await expect(page.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'There is no experiment with this address, or it was started by someone else.',
  );
  await page.getByRole('link', { name: 'See all experiments' }).click();
  await expect(page).toHaveURL(/\/experiments$/);
});

test('on a phone a refused variant model is shown where the eye goes: its field takes focus', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  await page.getByLabel('Message').fill('Where is order {{order_id}}?');
  await setup.setVariant(1, { model: 'local/temperature=5' });
  await setup.startButton.click();
  const model = setup.variant(1).getByLabel('Variant 2 › Model');
  await expect(model).toBeFocused();
  await expect(model).toBeInViewport();
  await expect(model).toHaveAccessibleDescription(/Temperature: Use a number from 0 to 2/);
  // Nothing was started.
  await expect(page).toHaveURL(/\/experiments\/new/);
});

/** A batch on the fast server whose two cells call a function nobody answers: both fail after 4 s. */
async function startUnansweredBatch(request: APIRequestContext, name: string): Promise<string> {
  return createExperiment(request, {
    kind: 'batch',
    name,
    request: {
      messages: [{ type: 'user', text: '' }],
      functions: [
        {
          name: 'lookupOrder',
          description: 'Look up an order',
          parameters: { type: 'object', properties: {} },
          result: { channel: `batch-lookups-${Date.now()}` },
        },
      ],
    },
    variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }],
    rows: [{ n: '7' }],
    messageTemplate: 'Please lookupOrder {{n}}',
  });
}

/** How many lines the text of `locator` takes on screen. */
const linesOf = (locator: Locator) =>
  locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });

test('the experiments list tells a finished batch whose runs failed from one that answered everything', async ({
  page,
  request,
}) => {
  const name = `Unanswered lookups ${Date.now()}`;
  const experimentId = await startUnansweredBatch(request, name);
  await page.goto(`${fastServer}/experiments`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  await expect(row.getByTestId('experiment-status')).toHaveText('Finished · 2 not answered', { timeout: 30_000 });
  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('experiment-status')).toHaveText('Finished · 2 not answered');
  // Each unanswered cell says why in plain words.
  await expect(page.getByTestId('grid-cell').filter({ hasText: 'No answer came in time.' })).toHaveCount(2);

  // A cell's run page leads back to its experiment.
  await page.goto(`${fastServer}/runs/${experimentId}-0-1-0`);
  await expect(page.getByText('· input 1, variant “B”')).toBeVisible();
  await page.getByRole('link', { name: 'Back to its experiment' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('on a phone the amber "Finished · 2 not answered" badge keeps one line, and the list and the page fit 390 px', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const name = `Unanswered on a phone ${Date.now()}`;
  await startUnansweredBatch(request, name);
  await page.goto(`${fastServer}/experiments`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  const badge = row.getByTestId('experiment-status');
  await expect(badge).toHaveText('Finished · 2 not answered', { timeout: 30_000 });
  expect(await linesOf(badge)).toBe(1);
  // The row fits: neither the page nor the table beside the badge scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const tableScroller = page.getByRole('table').locator('..');
  expect(await tableScroller.evaluate((scroller) => scroller.scrollWidth <= scroller.clientWidth)).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/experiments-unanswered-390.png' });

  await row.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('experiment-status')).toHaveText('Finished · 2 not answered');
  expect(await linesOf(page.getByTestId('experiment-status'))).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a finished batch opens saying its answers are loading, not "0 of 2", until its grid comes', async ({
  page,
  request,
}) => {
  const id = await createExperiment(request, {
    kind: 'batch',
    name: `Finished before opening ${Date.now()}`,
    request: { messages: [{ type: 'user', text: '' }] },
    variants: [{ label: 'A' }, { label: 'B' }],
    rows: [{ n: '1' }],
    messageTemplate: 'repeat {{n}}',
  });
  await expect
    .poll(async () => (await (await request.get(`${fastServer}/api/experiments/${id}`)).json()).experiment.status)
    .not.toBe('running');

  let letCellsThrough = () => {};
  const held = new Promise<void>((resolve) => (letCellsThrough = resolve));
  await page.route('**/cells?after=*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${fastServer}/experiments/${id}`);
  const view = new ExperimentViewPage(page);
  await expect(page.locator('#batch-progress-label')).toHaveText('Loading 2 answers…');
  await expect(page.getByText(/^0 of 2 answered$/)).toHaveCount(0);
  letCellsThrough();
  await expect(page.locator('#batch-progress-label')).toHaveText('2 of 2 answered');
  await expect(view.progress).toHaveAttribute('aria-valuenow', '2');
});

test('a column says what answered its run: a bare model name goes to the built-in demo engine, on the page and on its share link', async ({
  page,
  browser,
}) => {
  const setup = new ExperimentSetupPage(page);
  await setup.open('/experiments/new?kind=compare');
  await page.getByLabel('Question', { exact: true }).fill('How do I reset my password?');
  await setup.setVariant(1, { model: 'gpt-4o' });
  // The form warns before anything runs…
  await expect(setup.variant(1)).toContainText('the built-in local engine answers with demo replies');
  const id = await setup.start();

  // …and once the runs tell it, each column says what answered, not only what was asked for.
  const models = page.getByTestId('variant-model');
  await expect(models.nth(0)).toHaveText('The default engine → answered by the built-in demo engine');
  await expect(models.nth(1)).toHaveText('Model gpt-4o → answered by the built-in demo engine');

  const shared = await page.request.post(`/api/experiments/${encodeURIComponent(id)}/shares`, { data: {} });
  expect(shared.ok()).toBe(true);
  const { share } = (await shared.json()) as { share: { path: string } };
  const visitor = await browser.newContext();
  const viewer = await visitor.newPage();
  await viewer.goto(share.path.startsWith('http') ? share.path : new URL(share.path, page.url()).toString());
  await expect(viewer.getByTestId('variant-model').nth(1)).toHaveText(
    'Model gpt-4o → answered by the built-in demo engine',
  );
  await visitor.close();
});

test('the New experiment form keeps what was typed through a link elsewhere, Back and a reload, until the experiment starts', async ({
  page,
}) => {
  const setup = new ExperimentSetupPage(page);
  await setup.open('/experiments/new?kind=compare');
  const question = page.getByLabel('Question', { exact: true });
  await question.fill('How do I reset my password?');
  await setup.setVariant(0, { backstory: 'Answer warmly.' });
  await setup.setVariant(1, { backstory: 'Answer in one line.' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await page.waitForURL(/\/runs/);
  await page.goBack();
  await expect(question).toHaveValue('How do I reset my password?');
  await expect(setup.variantField(1, 'Backstory')).toHaveValue('Answer in one line.');

  await page.reload();
  await expect(question).toHaveValue('How do I reset my password?');
  await expect(setup.variantField(0, 'Backstory')).toHaveValue('Answer warmly.');

  // Started, the draft is done with: the next new experiment starts empty.
  await setup.start();
  await setup.open('/experiments/new?kind=compare');
  await expect(question).toHaveValue('');
  await expect(setup.variantField(1, 'Backstory')).toHaveValue('');
});

test("coming from the builder's Compare, the variants' edits survive a reload with the conversation", async ({
  page,
}) => {
  const setup = await compareFromBuilder(page, 'When does my order ship?');
  await setup.setVariant(1, { name: 'Brief', model: 'local', backstory: 'Answer in one line.' });
  await page.reload();
  await expect(page.getByTestId('handed-conversation')).toContainText('When does my order ship?');
  await expect(setup.variantField(1, 'Name')).toHaveValue('Brief');
  await expect(setup.variantField(1, 'Model')).toHaveValue('local');
  await expect(setup.variantField(1, 'Backstory')).toHaveValue('Answer in one line.');
});

test('a comparison whose runs wait for an answer says on what, and "Cancel all" stops it from its page', async ({
  page,
}) => {
  await startWaitingComparison(page);

  const waiting = page.getByTestId('compare-waiting');
  await expect(waiting).toHaveCount(2);
  for (const line of await waiting.all())
    await expect(line).toHaveText('Waiting for an answer to “Request approval” — open the run to answer');

  const experiment = new ExperimentViewPage(page);
  // It asks first, naming both runs, and "Keep them running" leaves them waiting.
  await page.getByRole('button', { name: 'Cancel all' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel 2 runs?' });
  await expect(confirm.getByRole('listitem')).toHaveText(['As in the builder', 'Variant 2']);
  await confirm.getByRole('button', { name: 'Keep them running' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(experiment.status).toHaveAttribute('data-status', 'running');
  await expect(waiting).toHaveCount(2);
  await page.getByRole('button', { name: 'Cancel all' }).click();
  await confirm.getByRole('button', { name: 'Cancel runs' }).click();
  await expect(experiment.status).toHaveAttribute('data-status', 'cancelled');
  const statuses = page.getByTestId('run-status');
  await expect(statuses).toHaveCount(2);
  for (const status of await statuses.all()) await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel all' })).toHaveCount(0);
  // A column cancelled before it answered says so, and offers no best-answer choice.
  await expect(page.getByTestId('compare-reply')).toHaveText(['Cancelled before it answered', 'Cancelled before it answered']);
  await expect(page.getByRole('radio', { name: /^Best answer/ })).toHaveCount(0);
});

test('a comparison whose runs fail before answering says so in each column and offers no best answer', async ({
  page,
}) => {
  // The fast server gives up waiting for an answer after 4 s: both runs fail with nothing said.
  await startWaitingComparison(page, fastServer);
  const statuses = page.getByTestId('run-status');
  await expect(statuses).toHaveCount(2);
  for (const status of await statuses.all())
    await expect(status).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('compare-reply')).toHaveText(['Failed before it answered', 'Failed before it answered']);
  await expect(page.getByRole('radio', { name: /^Best answer/ })).toHaveCount(0);
  // Why, in the words the run's page and the runs list use; the exact message is folded away.
  const errors = page.getByRole('alert').filter({ hasText: /^Error:/ });
  await expect(errors).toHaveCount(2);
  for (const error of await errors.all()) {
    await expect(error).toContainText('Error: No answer came in time.');
    await expect(error.getByText(/No answer came on channel/)).toBeHidden();
  }
  // "Retry failed" sends both columns again from the comparison's page, and says so.
  await page.getByRole('button', { name: 'Retry failed (2)' }).click();
  await expect(page.getByText('Retried 2 runs.')).toBeFocused();
  // Each column shows its new run from its start, waiting again, with none of the failed run's error.
  await expect(page.getByTestId('compare-waiting')).toHaveCount(2);
  await expect(errors).toHaveCount(0);
  await expect(page.getByTestId('compare-reply')).toHaveText(['…', '…']);
  // Both columns run again, each as a new run (its id's last part counts the attempts).
  const runLinks = page.getByRole('link', { name: 'Open the run' });
  await expect(runLinks).toHaveCount(2);
  for (const [index, link] of (await runLinks.all()).entries())
    await expect(link).toHaveAttribute('href', new RegExp(`-0-${index}-1$`), { timeout: 30_000 });
});

test("a batch run's page names the record its answer used as the batch's input, not as a dataset row", async ({
  page,
  request,
}) => {
  const id = await createExperiment(request, {
    kind: 'batch',
    name: `Order records ${Date.now()}`,
    request: { messages: [{ type: 'user', text: '' }] },
    variants: [{ label: 'A' }, { label: 'B', backstory: 'Answer briefly.' }],
    rows: [{ order: 'A-17', status: 'shipped on Monday' }],
    messageTemplate: 'When was order {{order}} shipped?',
    recordTemplate: 'Order {{order}} was {{status}}.',
  });
  await page.goto(`${fastServer}/runs/${id}-0-0-0`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(page.getByText('Input 1 of the batch ·')).toBeVisible();
});

test('"Runs at once" out of its range is said on the field before the batch starts, not changed behind the scenes', async ({
  page,
}) => {
  const setup = new ExperimentSetupPage(page);
  await uploadOrders(setup);
  await page.getByLabel('Message', { exact: true }).fill('Where is order {{order_id}}?');
  const runsAtOnce = page.getByLabel('Runs at once');
  await runsAtOnce.fill('50');
  await setup.startButton.click();
  await expect(runsAtOnce).toHaveAccessibleDescription(/Use a whole number from 1 to 16\./);
  await expect(runsAtOnce).toBeFocused();
  await expect(page).toHaveURL(/\/experiments\/new/);

  await runsAtOnce.fill('8');
  await expect(page.getByText('Use a whole number from 1 to 16.')).toHaveCount(0);
  const id = await setup.start();
  const response = await page.request.get(`/api/experiments/${encodeURIComponent(id)}`);
  expect(((await response.json()) as { experiment: { spec: { concurrency: number } } }).experiment.spec.concurrency).toBe(8);
});

test("a compared run that waited for an answer shows the run page's figures: the wait left out of the first token, and said", async ({
  page,
}) => {
  const id = await startWaitingComparison(page);

  const first = page.getByTestId('compare-column').first();
  await expect(first.getByTestId('compare-waiting')).toBeVisible();
  await first.getByRole('link', { name: 'Open the run' }).click();
  const live = new LivePage(page);
  await live.answer('approved');
  await live.expectStatus('completed');
  // The run page's figures once the server's record of the ended run is read.
  await page.reload();
  await live.expectStatus('completed');
  const runFigures = page.getByTestId('run-figures');
  await expect(runFigures).toContainText(/not counting [\d.]+ (ms|s) waiting for an answer/);
  await expect(runFigures).toContainText('Text pieces received');
  // "Queued for" comes with the server's record; until then the figures are counted from the events.
  await expect(runFigures).toContainText('Queued for');
  const shownOnRunPage = (await runFigures.textContent()) ?? '';

  await page.goto(`/experiments/${encodeURIComponent(id)}`);
  await expect(first.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  // The same figures; what a text piece is, the comparison says once under its columns.
  await expect(first.getByTestId('run-figures')).toHaveText(
    shownOnRunPage.replace('A text piece is a word or part of a word, as the model counts text.', ''),
  );
  await page.getByRole('button', { name: 'Cancel all' }).click();
  // Only the run still waiting is left to cancel.
  await page.getByRole('dialog', { name: 'Cancel this run?' }).getByRole('button', { name: 'Cancel run' }).click();
  await expect(new ExperimentViewPage(page).status).toHaveAttribute('data-status', 'cancelled');
});

test("the builder's conversation is named in one sentence: its last question quoted, its punctuation not doubled", async ({
  page,
}) => {
  await compareFromBuilder(page, 'Please approve my refund of 40 euros.');
  await expect(page.getByTestId('handed-conversation')).toHaveText(
    'Conversation from the builder: 1 message, last question “Please approve my refund of 40 euros.”',
  );
  await compareFromBuilder(page, 'Can you translate good morning into French?');
  await expect(page.getByTestId('handed-conversation')).toHaveText(
    'Conversation from the builder: 1 message, last question “Can you translate good morning into French?”',
  );
});

/** From the builder's preset whose function waits for an answer, a comparison of two backstories; its id. */
/** A comparison of the "Refund that waits for a person’s approval" preset, on `server` (this spec's own by default). */
async function startWaitingComparison(page: Page, server = ''): Promise<string> {
  const builder = new BuilderPage(page);
  await builder.open(`${server}/`);
  await builder.usePreset('Refund that waits for a person’s approval');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.waitForURL(/\/experiments\/new$/);
  const setup = new ExperimentSetupPage(page);
  await setup.setVariant(1, { backstory: 'Answer briefly.' });
  return setup.start();
}
