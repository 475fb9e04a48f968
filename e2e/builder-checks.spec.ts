// Issue 17, lines 1–3: the builder checks everything in one pass, says what is wrong in plain words
// beside each field and in a summary in page order, and checks parameter names.
import { expect, test, type Page } from '@playwright/test';
import { dispatchRun } from './support/api';
import { BuilderPage } from './pages/builder-page';

test.use({ timezoneId: 'Europe/Paris' });

/** Counts dispatch requests the page sends. */
function countDispatches(page: Page) {
  const counter = { sent: 0 };
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/conversation/dispatch')) counter.sent += 1;
  });
  return counter;
}

test.describe('builder checks', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('one press of Dispatch shows every problem at once, in page order and plain words, and sends nothing', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    // The engine list is what lets the page say "not set up" before sending.
    await expect((await builder.section('Bot or model')).getByText(/^Not set up on this server: openai/)).toBeVisible();
    const dispatches = countDispatches(page);

    // Message 1's text stays empty (the default form starts with one empty message).
    await (await builder.messageMeta(0)).fill('{oops');
    const model = await builder.section('Bot or model');
    await model.getByLabel('Model').fill('openai/gpt-4o');
    await builder.section('Functions');
    for (let index = 0; index < 3; index += 1) await page.getByRole('button', { name: 'Add function' }).click();
    const fn = (index: number) => page.getByRole('group', { name: `Function ${index}`, exact: true });
    await fn(1).getByLabel('Name', { exact: true }).fill('lookup');
    await fn(2).getByLabel('Name', { exact: true }).fill('lookup');
    await fn(3).getByLabel('Name', { exact: true }).fill('1bad');
    await page.getByRole('group', { name: 'Parameters of function 1' }).getByRole('button', { name: 'Add parameter' }).click();
    await page.getByRole('group', { name: 'Parameters of function 1' }).getByLabel('Name').fill('my param');
    const options = await builder.section('Limits, channel and timezone');
    await options.getByLabel('Max function calls').fill('0');
    await options.getByLabel('Timezone').fill('Mars/Olympus');

    await builder.dispatchButton.click();
    await expect(page.getByRole('alert', { name: /problems to fix before dispatching/ })).toBeFocused();
    expect(await builder.summaryLines()).toEqual([
      'Message 1 › Text: Write the message text',
      expect.stringMatching(/^Message 1 › Meta: This is not valid JSON/),
      'Model: The openai engine is not set up on this server (it needs OPENAI_BASE_URL or OPENAI_API_KEY); pick another model',
      'Function 1 › Parameter 1 › Name: No spaces: try my_param',
      'Function 2 › Name: Another function is already named "lookup"; names must be unique',
      'Function 3 › Name: Start with a letter or _, not a digit: try _1bad',
      'Max function calls: Use a whole number from 1 to 100',
      'Timezone: Use a time zone name such as Europe/Paris or America/New_York',
    ]);
    // Each problem also stands beside its field, tied to it for screen readers.
    await expect(builder.message(0).getByLabel('Text')).toHaveAttribute('aria-invalid', 'true');
    expect(await builder.problemBeside(builder.message(0).getByLabel('Text'))).toBe('Write the message text');
    expect(await builder.problemBeside(fn(2).getByLabel('Name', { exact: true }))).toContain('names must be unique');
    expect(await builder.problemBeside(options.getByLabel('Timezone'))).toContain('time zone name');
    // The preview says which field it cannot show as sent.
    await expect(page.getByTestId('preview-left-out')).toHaveText('Not in the preview until fixed: Message 1 › Meta.');
    await page.getByRole('button', { name: 'Code' }).click();
    await expect(page.getByTestId('code-left-out')).toHaveText('Not in this code until fixed: Message 1 › Meta.');
    await page.keyboard.press('Escape');
    // The summary was shown synchronously on the press; nothing went to the server.
    expect(dispatches.sent).toBe(0);
    await expect(page).toHaveURL(/\/$/);
  });

  test('summary links open the collapsed section and focus the field; collapsed sections count their problems', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Hello');
    const options = await builder.section('Limits, channel and timezone');
    await options.getByLabel('Max iterations').fill('lots');
    await options.locator('summary').click(); // collapse it again
    await expect(options).not.toHaveAttribute('open', '');
    await builder.dispatchButton.click();
    await expect(options.getByTestId('section-problems')).toHaveText('1 problem');
    await builder.summary.getByRole('link', { name: 'Max iterations' }).click();
    await expect(options).toHaveAttribute('open', '');
    await expect(options.getByLabel('Max iterations')).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await expect(options.getByTestId('section-problems')).toHaveCount(0);
    await expect(builder.summary).toHaveCount(0);
  });

  test('a problem with a whole list is listed too, and its link leads to the list', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await page.getByRole('button', { name: 'Remove message 1' }).click();
    await builder.dispatchButton.click();
    expect(await builder.summaryLines()).toEqual(['Messages: Add at least one message']);
    await builder.summary.getByRole('link', { name: 'Messages' }).click();
    await expect(page.locator('#field-messages')).toBeFocused();
    await expect(page.locator('#field-messages')).toHaveText('Add at least one message');
  });

  test('an item that was just added stays quiet until it is touched or the form is submitted', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Hello');
    const functions = await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const name = functions.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true });
    await expect(name).toBeVisible();
    await expect(name).not.toHaveAttribute('aria-invalid', 'true');
    await expect(functions.getByTestId('section-problems')).toHaveCount(0);
    // Leaving it untouched keeps it quiet; typing into it lets its problem show.
    await name.focus();
    await name.blur();
    await name.pressSequentially('x');
    await expect(name).not.toHaveAttribute('aria-invalid', 'true');
    await name.press('Backspace');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(await builder.problemBeside(name)).toBe('Give it a name');

    // After a submit, a further new item is quiet again until touched or submitted.
    await builder.dispatchButton.click();
    await expect(builder.summary).toContainText('Function 1 › Name: Give it a name');
    await page.getByRole('button', { name: 'Add function' }).click();
    const second = functions.getByRole('group', { name: 'Function 2', exact: true }).getByLabel('Name', { exact: true });
    await expect(second).toBeVisible();
    await expect(second).not.toHaveAttribute('aria-invalid', 'true');
    await builder.dispatchButton.click();
    await expect(builder.summary).toContainText('Function 2 › Name: Give it a name');
    await expect(second).toHaveAttribute('aria-invalid', 'true');
  });

  test('choosing "Wait for an answer" names the answer channel after the function, ready to dispatch', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Please approve the refund');
    const functions = await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const editor = functions.getByRole('group', { name: 'Function 1', exact: true });
    await editor.getByLabel('Name', { exact: true }).fill('approveRefund');
    await editor.getByLabel('Description', { exact: true }).fill('Asks a person to approve the refund');
    await editor.getByLabel('Result', { exact: true }).selectOption('channel');
    await expect(editor.getByLabel('Answer channel')).toHaveValue('answers-for-approveRefund');
    await builder.dispatchButton.click();
    await page.waitForURL(/\/runs\/[^/?]+$/);
  });

  test('a problem shown on an item moves with the item when the list is reordered or shortened', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await new BuilderPage(page).usePreset('Order lookup with a fixed answer');
    const functions = await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    await builder.dispatchButton.click();
    expect(await builder.summaryLines()).toEqual(['Function 2 › Name: Give it a name']);
    const nameOf = (index: number) => functions.getByRole('group', { name: `Function ${index}`, exact: true }).getByLabel('Name', { exact: true }).first();
    await page.getByRole('button', { name: 'Move function 2 up' }).click();
    await expect(nameOf(1)).toHaveValue('');
    await expect(nameOf(1)).toHaveAttribute('aria-invalid', 'true');
    await expect(nameOf(2)).not.toHaveAttribute('aria-invalid', 'true');
    expect(await builder.summaryLines()).toEqual(['Function 1 › Name: Give it a name']);
    await page.getByRole('button', { name: 'Remove function 2' }).click();
    await expect(nameOf(1)).toHaveAttribute('aria-invalid', 'true');
    expect(await builder.summaryLines()).toEqual(['Function 1 › Name: Give it a name']);
  });

  test('parameter names and required lists are checked to the rules the engines need, as they are typed', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const parameters = page.getByRole('group', { name: 'Parameters of function 1' });
    await parameters.getByRole('button', { name: 'Add parameter' }).click();
    await parameters.getByRole('button', { name: 'Add parameter' }).click();
    await parameters.getByLabel('Name').nth(0).fill('my param');
    await expect(parameters.getByText('No spaces: try my_param')).toBeVisible();
    await parameters.getByLabel('Name').nth(0).fill('city');
    await parameters.getByLabel('Name').nth(1).fill('city');
    await expect(parameters.getByText('Another parameter is already named "city"; names must be unique')).toBeVisible();
    await parameters.getByLabel('Type').nth(1).selectOption('enum');
    await parameters.getByLabel('Name').nth(1).fill('unit');
    await parameters.getByLabel('Allowed values (comma-separated)').fill(' , ');
    await expect(parameters.getByText('List at least one value, separated by commas')).toBeVisible();
    await parameters.getByLabel('Allowed values (comma-separated)').fill('C, F');
    await expect(parameters.getByRole('alert')).toHaveCount(0);

    // In JSON Schema mode the required list must name existing parameters, once each.
    await page.getByRole('button', { name: 'Edit as JSON Schema' }).click();
    const json = parameters.getByLabel('Parameters (JSON Schema)');
    await json.fill('{"type":"object","properties":{"city":{"type":"string"}},"required":["city","country"]}');
    await expect(parameters.getByText('"country" is listed as required but is not a parameter')).toBeVisible();
    await json.fill('{"type":"object","properties":{"city":{"type":"string"}},"required":["city","city"]}');
    await expect(parameters.getByText('"city" is listed as required twice')).toBeVisible();
    // Two problems in one schema are both told at once, each on its own line of the summary.
    await json.fill('{"type":"object","properties":{"a":{"type":"strin"}},"required":["b"]}');
    await builder.dispatchButton.click();
    const lines = await builder.summaryLines();
    expect(lines).toContain(
      'Function 1 › Parameters (JSON Schema): Parameter "a": "strin" is not a type; use one of string, number, integer, boolean, object, array, null',
    );
    expect(lines).toContain('Function 1 › Parameters (JSON Schema): "b" is listed as required but is not a parameter');
  });

  test("server refusals are tied to their field: a channel id in use, an engine the page could not check, a time zone the server does not know", async ({ page, request }) => {
    const taken = `taken-${Date.now()}`;
    await dispatchRun(request, { messages: [{ type: 'user', text: 'first' }], channelId: taken });
    const builder = new BuilderPage(page);
    // Without the engine list the page cannot know which engines are set up: the server says so.
    await page.route('**/api/engines', (route) => route.abort());
    await builder.open();
    // A Compare stopped by a problem first: a refused Dispatch after it is said to stop the dispatch.
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('alert', { name: 'One problem to fix before comparing' })).toBeVisible();
    await builder.message(0).getByLabel('Text').fill('Hello');
    const options = await builder.section('Limits, channel and timezone');
    await options.getByLabel('Channel id (optional)').fill(taken);
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/v1/conversation/dispatch'));
    await builder.dispatchButton.click();
    expect((await refused).status()).toBe(409);
    await expect(page.getByRole('alert', { name: 'One problem to fix before dispatching' })).toBeVisible();
    await expect(builder.summary).toContainText('Channel id: This channel id is already in use; pick another, or leave it empty for a new one');
    expect(await builder.problemBeside(options.getByLabel('Channel id (optional)'))).toContain('already in use');

    await options.getByLabel('Channel id (optional)').fill('');
    const model = await builder.section('Bot or model');
    await model.getByLabel('Model').fill('openai/gpt-4o');
    const engineRefused = page.waitForResponse((response) => response.url().endsWith('/api/v1/conversation/dispatch'));
    await builder.dispatchButton.click();
    expect((await engineRefused).status()).toBe(400);
    await expect(builder.summary).toContainText('Model: The openai engine is not set up on this server (it needs OPENAI_BASE_URL or OPENAI_API_KEY); pick another model');
    await expect(model.getByLabel('Model')).toHaveAttribute('aria-invalid', 'true');
    // The refusal stands until the field changes.
    await model.getByLabel('Model').fill('local');
    await expect(model.getByLabel('Model')).not.toHaveAttribute('aria-invalid', 'true');

    // A time zone the server does not know: the page checks zones with this browser's list, so the
    // header is changed on its way out to reach the server's own check.
    await page.route('**/api/v1/conversation/dispatch', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-timezone': 'Mars/Olympus' } }),
    );
    const zoneRefused = page.waitForResponse((response) => response.url().endsWith('/api/v1/conversation/dispatch'));
    await builder.dispatchButton.click();
    expect((await zoneRefused).status()).toBe(400);
    await expect(builder.summary).toContainText('Timezone: Must be an IANA time zone such as Europe/Paris');
    await expect(options.getByLabel('Timezone')).toHaveAttribute('aria-invalid', 'true');
    await page.unroute('**/api/v1/conversation/dispatch');
    await options.getByLabel('Timezone').fill('Europe/Berlin');
    await builder.dispatchButton.click();
    await page.waitForURL(/\/runs\//);
  });

  test('a model name with no engine in front says the local engine will answer it', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const model = (await builder.section('Bot or model')).getByLabel('Model');
    await model.fill('gpt-4o-mini');
    // This server has no OpenAI engine set up, so the note suggests none.
    await expect(model).toHaveAccessibleDescription(/built-in local engine answers .* No other engine is set up on this server yet\./);
    await model.fill('openai/gpt-4o-mini');
    await expect(model).not.toHaveAccessibleDescription(/local engine answers/);
  });

  test('a function name with spaces is told so, with a name that works, beside the field, in the summary and on import', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Where is my order?');
    await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    const name = page.getByRole('group', { name: 'Function 1', exact: true }).getByLabel('Name', { exact: true });
    await name.fill('get order status');
    expect(await builder.problemBeside(name)).toBe('No spaces: try get_order_status');
    await name.fill('get-order-status');
    expect(await builder.problemBeside(name)).toBe('Use only letters a–z, digits and _, not “-”: try get_order_status');
    await name.fill('get order status');
    await builder.dispatchButton.click();
    expect(await builder.summaryLines()).toEqual(['Function 1 › Name: No spaces: try get_order_status']);

    // A request with such a name is imported into the form as it is, its problem shown as Dispatch shows it.
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    await dialog.getByLabel('Request JSON').fill(
      JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], functions: [{ name: 'get order status', description: '' }] }),
    );
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Imported the request; what is left to fix is listed below.' })).toBeVisible();
    expect(await builder.summaryLines()).toEqual(['Function 1 › Name: No spaces: try get_order_status']);
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('Hi');
    expect(await builder.problemBeside(name)).toBe('No spaces: try get_order_status');
  });

  test('a dataset without records and a skillset without abilities are flagged as an empty ability is, and nothing is sent', async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const dispatches = countDispatches(page);
    await builder.message(0).getByLabel('Text').fill('What are your opening hours?');
    await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await page.getByRole('button', { name: 'Add ability' }).click();
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await builder.dispatchButton.click();
    expect(await builder.summaryLines()).toEqual([
      'Dataset 1 › Records: Add a record, or remove this dataset',
      'Skillset 1 › Ability 1 › Name: Give the ability a name',
      'Skillset 2 › Abilities: Add an ability, or remove this skillset',
    ]);
    expect(dispatches.sent).toBe(0);
    // One record is enough.
    await page.getByRole('group', { name: 'Records of dataset 1' }).getByRole('button', { name: 'Add record' }).click();
    await page.getByLabel('Record 1 text').fill('Open 9 to 5.');
    await expect(builder.summary.getByRole('listitem')).toHaveCount(2);
    expect(await builder.summaryLines()).toEqual([
      'Skillset 1 › Ability 1 › Name: Give the ability a name',
      'Skillset 2 › Abilities: Add an ability, or remove this skillset',
    ]);
  });

  test('Compare checks the form as Dispatch does, and its summary says the problems stop the comparison', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    // The default form starts with one empty message, as "Continue in the builder" ends with one to write.
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('alert', { name: 'One problem to fix before comparing' })).toBeFocused();
    expect(await builder.summaryLines()).toEqual(['Message 1 › Text: Write the message text']);
    await expect(page).toHaveURL(/\/$/);
    await builder.message(0).getByLabel('Text').fill('When does my order ship?');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(/\/experiments\/new$/);
  });

  test('Import says where JSON breaks as the form does, and takes a function without a description as the form does', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    const pasted = dialog.getByLabel('Request JSON');
    await pasted.fill('this is not json {');
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(dialog.getByRole('list', { name: /problem in the pasted JSON/ })).toHaveText('This is not valid JSON (near line 1, column 2)');
    // The form's own JSON fields say it in the same words.
    await page.keyboard.press('Escape');
    const meta = await builder.messageMeta(0);
    await meta.fill('this is not json {');
    expect(await builder.problemBeside(meta)).toBe('This is not valid JSON (near line 1, column 2)');

    // Opened again, it starts afresh: not with the problems of the text given up on.
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(pasted).toHaveValue('');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await pasted.fill(JSON.stringify({ messages: [{ type: 'user', text: 'Where is order 42?' }], functions: [{ name: 'get_order_status' }] }));
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(dialog).toBeHidden();
    await builder.section('Functions');
    const fn = page.getByRole('group', { name: 'Function 1', exact: true });
    await expect(fn.getByLabel('Name', { exact: true })).toHaveValue('get_order_status');
    await expect(fn.getByLabel('Description', { exact: true })).toHaveValue('');
  });

  test('an empty model field says in words what answers: the server\'s default engine', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const header = page.locator('details#section-model > summary');
    await expect(header).toContainText('Server default (local)');
    await expect(header).not.toContainText(/\bmodel$/);
    const model = await builder.section('Bot or model');
    await expect(model.getByLabel('Model')).toHaveAttribute('placeholder', 'Server default (local)');
    await model.getByLabel('Model').fill('openai/gpt-4o');
    await expect(header).toContainText('openai/gpt-4o');
    await model.getByLabel('Answer with').selectOption('bot');
    await expect(header).toContainText('No bot id yet');
  });
});
