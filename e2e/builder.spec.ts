import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

test.use({ timezoneId: 'Asia/Tokyo' });

test.describe('the builder', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('composes every part of the request, and the preview shows exactly what will be sent', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();

    // Messages: add, type, reorder, remove, meta as JSON.
    await builder.message(0).getByLabel('Text').fill('Second');
    await page.getByRole('button', { name: 'Add message' }).click();
    await builder.message(1).getByLabel('Type').selectOption('context');
    await builder.message(1).getByLabel('Text').fill('First');
    await (await builder.messageMeta(1)).fill('{"source": "crm"}');
    await page.getByRole('button', { name: 'Move message 2 up' }).click();
    await page.getByRole('button', { name: 'Add message' }).click();
    await page.getByRole('button', { name: 'Remove message 3' }).click();

    const model = await builder.section('Bot or model');
    // The model field offers the engines this server has configured (GET /api/engines).
    await expect(page.locator('#engine-models option[value="local"]')).toBeAttached();
    await expect(model.getByText('For example: local. Empty means the default engine (local).')).toBeVisible();
    // The server's setting names are for whoever runs it: folded away under the plain sentence.
    await expect(model.getByText('Not set up on this server: openai, chatbotkit.')).toBeVisible();
    await expect(model.getByText(/OPENAI_API_KEY/)).toBeHidden();
    await model.getByText('How to turn them on').click();
    await expect(model.getByRole('listitem').filter({ hasText: 'openai: OPENAI_BASE_URL or OPENAI_API_KEY' })).toBeVisible();
    // A bare model name suggests no engine this server cannot use.
    await model.getByLabel('Model').fill('gpt-4o-mini');
    await expect(model.getByText(/whatever the model's name\. No other engine is set up on this server yet\.$/)).toBeVisible();
    await model.getByLabel('Model').fill('local');
    await model.getByLabel('Temperature').fill('0.2');
    await model.getByLabel('Privacy mode').check();

    const backstory = await builder.section('Backstory');
    await backstory.getByLabel('Backstory').fill('You are helpful.');

    const datasets = await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await datasets.getByLabel('Name').first().fill('FAQ');
    await page.getByRole('button', { name: 'Add record' }).click();
    await datasets.getByLabel('Record 1 text').fill('Opening hours are 9 to 5.');
    await datasets.getByLabel('Paste records, one per line').fill('Line one\nLine two');
    await page.getByRole('button', { name: 'Add pasted records' }).click();
    const fileInput = datasets.getByLabel('Load a .txt, .csv or .jsonl file');
    await fileInput.setInputFiles({ name: 'records.csv', mimeType: 'text/csv', buffer: Buffer.from('id,text\n1,"From CSV, quoted"\n2,"From CSV,\non two lines"\n') });
    await fileInput.setInputFiles({ name: 'records.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"text":"From JSONL","meta":{"n":1}}\n') });
    await fileInput.setInputFiles({ name: 'records.txt', mimeType: 'text/plain', buffer: Buffer.from('From TXT\n') });
    await expect(datasets.getByRole('status')).toContainText('Added 1 record');

    const functions = await builder.section('Functions');
    await page.getByRole('button', { name: 'Add function' }).click();
    await functions.getByLabel('Name', { exact: true }).first().fill('getWeather');
    await functions.getByLabel('Description', { exact: true }).first().fill('Weather for a city');
    await page.getByRole('button', { name: 'Add parameter' }).click();
    const parameters = page.getByRole('group', { name: 'Parameters of function 1' });
    await parameters.getByLabel('Name').fill('city');
    await parameters.getByLabel('Required').check();
    await page.getByRole('button', { name: 'Add parameter' }).click();
    await parameters.getByLabel('Name').nth(1).fill('unit');
    await parameters.getByLabel('Type').nth(1).selectOption('enum');
    await parameters.getByLabel('Allowed values (comma-separated)').fill('C, F');
    await functions.getByLabel('Result', { exact: true }).selectOption('data');
    await functions.getByLabel('Result data (JSON)').fill('{"temperature": 21}');
    await functions.getByLabel('Always call it before the reply').check();

    const skillsets = await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    await page.getByRole('button', { name: 'Add ability' }).click();
    const ability = skillsets.getByRole('group', { name: 'Ability 1' });
    await ability.getByLabel('Name').fill('translate');
    await ability.getByLabel('Description').fill('Translate text');
    await ability.getByLabel('Instruction').fill('Translate politely.');
    await ability.getByLabel('Secret id (optional)').fill('secret_123');

    const features = await builder.section('Features');
    await page.getByRole('button', { name: 'Add feature' }).click();
    await features.getByLabel('Name').fill('webSearch');
    await features.getByLabel('Options (JSON object)').fill('{"depth": 2}');
    // Each setting says what it is for, in words (a builder met "Options (JSON object)" and limits unexplained).
    await expect(features).toContainText('Extra abilities to switch on by name');
    await expect(features.getByLabel('Options (JSON object)')).toHaveAccessibleDescription(/^Its settings/);

    const attachments = await builder.section('Attachments');
    await page.getByRole('button', { name: 'Add attachment' }).click();
    await attachments.getByLabel('Attachment 1 URL').fill('https://example.com/a.pdf');

    const contact = await builder.section('Contact');
    await contact.getByLabel('Contact', { exact: true }).selectOption('details');
    await contact.getByLabel('Fingerprint').fill('user-42');
    await contact.getByLabel('Email').fill('ada@example.com');

    const options = await builder.section('Limits, channel and timezone');
    await options.getByLabel('Max function calls').fill('3');
    await expect(options.getByLabel('Max iterations')).toHaveAccessibleDescription(/^Rounds the bot may take to reply.*8 when empty$/);
    await expect(options.getByLabel('Max continuations')).toHaveAccessibleDescription(/cut off by its length/);
    await expect(options.getByLabel('Max function calls')).toHaveAccessibleDescription(/^Functions the bot may call in one run; 8 when empty$/);
    await expect(options.getByLabel('Timezone')).toHaveAccessibleDescription(/^Where the person is, for answers about the date and time/);
    await options.getByLabel('Channel id (optional)').fill(`builder-${Date.now()}`);
    await expect(options.getByLabel('Timezone')).toHaveValue('Asia/Tokyo');

    await builder.expectPreview({
      messages: [
        { type: 'context', text: 'First', meta: { source: 'crm' } },
        { type: 'user', text: 'Second' },
      ],
      model: 'local/temperature=0.2',
      privacy: true,
      attachments: [{ url: 'https://example.com/a.pdf' }],
      contactId: { fingerprint: 'user-42', email: 'ada@example.com' },
      functions: [
        {
          name: 'getWeather',
          description: 'Weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['C', 'F'] } },
            required: ['city'],
          },
          result: { data: { temperature: 21 } },
          call: { start: true },
        },
      ],
      extensions: {
        backstory: 'You are helpful.',
        datasets: [
          {
            name: 'FAQ',
            records: [
              { text: 'Opening hours are 9 to 5.' },
              { text: 'Line one' },
              { text: 'Line two' },
              { text: 'From CSV, quoted' },
              { text: 'From CSV,\non two lines' },
              { text: 'From JSONL', meta: { n: 1 } },
              { text: 'From TXT' },
            ],
          },
        ],
        skillsets: [{ abilities: [{ name: 'translate', description: 'Translate text', instruction: 'Translate politely.', secretId: 'secret_123' }] }],
        features: [{ name: 'webSearch', options: { depth: 2 } }],
      },
      limits: { calls: 3 },
    });

    // The parameters' JSON Schema mode round-trips with the rows.
    await page.getByRole('button', { name: 'Edit as JSON Schema' }).click();
    const schemaText = await parameters.getByLabel('Parameters (JSON Schema)').inputValue();
    expect(JSON.parse(schemaText)).toEqual({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['C', 'F'] } },
      required: ['city'],
    });
    await page.getByRole('button', { name: 'Edit as rows' }).click();
    await expect(parameters.getByLabel('Name').nth(1)).toHaveValue('unit');
    await expect(parameters.getByLabel('Allowed values (comma-separated)')).toHaveValue('C, F');

    // What the preview shows is exactly what the server receives.
    const sent = page.waitForRequest((request) => request.url().endsWith('/api/v1/conversation/dispatch'));
    const previewed = await builder.previewJson();
    await builder.dispatchButton.click();
    const request = await sent;
    expect(request.postDataJSON()).toEqual(previewed);
    expect(request.headers()['x-timezone']).toBe('Asia/Tokyo');
    await page.waitForURL(/\/runs\//);
  });

  test('import validates and loads a payload, export downloads it, and the code shows how to send it', async ({ page, baseURL }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    await dialog.getByLabel('Request JSON').fill('{"messages":[{"type":"robot","text":1}],"functions":[{"name":"x y"}]}');
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    const problems = dialog.getByRole('list', { name: /problems in the pasted JSON/ });
    await expect(problems).toContainText('Message 1 › Type');
    await expect(problems).toContainText('Message 1 › Text');
    await expect(problems).toContainText('Function 1 › Name');

    const good = { messages: [{ type: 'user', text: "Imported — it's here" }], model: 'local', limits: { calls: 2 } };
    await dialog.getByLabel('Request JSON').fill(JSON.stringify(good));
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(dialog).toBeHidden();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue("Imported — it's here");
    await builder.expectPreview(good);

    await page.getByRole('button', { name: 'Import' }).click();
    await dialog.getByLabel('Or load a .json file').setInputFiles({
      name: 'request.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ messages: [{ type: 'user', text: 'From a file' }] })),
    });
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('From a file');
    await page.getByRole('button', { name: 'Import' }).click();
    await dialog.getByLabel('Request JSON').fill(JSON.stringify(good));
    await dialog.getByRole('button', { name: 'Load into the form' }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ format: 'dispatch-studio.builder/1', timezone: 'Asia/Tokyo', request: good });

    await page.getByRole('button', { name: 'Code' }).click();
    const code = page.getByRole('dialog', { name: 'Code' });
    await code.getByRole('tab', { name: 'fetch' }).click();
    await expect(code.getByTestId('code-snippet')).toContainText(`fetch('${baseURL}/api/v1/conversation/dispatch'`);
    await code.getByRole('tab', { name: '@chatbotkit/sdk' }).click();
    await expect(code.getByTestId('code-snippet')).toContainText(`baseUrl: '${baseURL}'`);
    await expect(code.getByTestId('code-snippet')).toContainText('conversation.dispatch(null,');
    await code.getByRole('tab', { name: 'Python' }).click();
    await expect(code.getByTestId('code-snippet')).toContainText(`BASE = "${baseURL}"`);
    await expect(code.getByTestId('code-snippet')).toContainText('"x-timezone": "Asia/Tokyo"');
    // The cURL snippet is run against the server in builder-actions.spec.ts; every snippet is run in
    // test/api/code-snippets-run.test.ts.
  });

  test("a message's type says in plain words what it is, and the settings' backstory points to the Backstory section", async ({
    page,
  }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    const type = builder.message(0).getByLabel('Type');
    await expect(type).toHaveAccessibleDescription('What the person says.');
    await type.selectOption('context');
    await expect(type).toHaveAccessibleDescription('Background the bot should know, such as a customer’s details.');
    await type.selectOption('reasoning');
    await expect(type).toHaveAccessibleDescription('The bot’s own notes; not sent to the model again.');
    const model = await builder.section('Bot or model');
    await expect(model.getByLabel('Backstory sent with these settings (optional)')).toHaveAccessibleDescription(
      'Most conversations need only the Backstory section below.',
    );
  });

  test('Dispatch (and Ctrl+Enter) sends the request and opens the live view of its channel', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('What time is it?');
    const channelId = await builder.dispatchAndGetChannel();
    const run = await (await page.request.get(`/api/runs/${channelId}`)).json();
    expect(run.request.messages).toEqual([{ type: 'user', text: 'What time is it?' }]);
    expect(run.timezone).toBe('Asia/Tokyo');
    await expect(page.getByRole('region', { name: 'Transcript' })).toContainText('What time is it?');

    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Sent from the keyboard');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/runs\//);
    const second = decodeURIComponent(new URL(page.url()).pathname.split('/runs/')[1]);
    expect(second).not.toBe(channelId);
  });

  test('drafts survive a reload and New clears them', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Keep me');
    await (await builder.section('Backstory')).getByLabel('Backstory').fill('A patient tutor');
    await builder.waitForDraftContaining('A patient tutor');
    await page.reload();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('Keep me');
    await builder.expectPreview({ extensions: { backstory: 'A patient tutor' } });
    await page.getByRole('button', { name: 'New' }).click();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('dispatch-studio.builder.draft') ?? '')).not.toContain('Keep me');
    await page.reload();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('');
  });

  const presets = [
    { title: 'Support bot with a dataset', expect: 'reset your password' },
    { title: 'Order lookup with a fixed answer', expect: 'getOrderStatus' },
    { title: 'Refund that waits for a person’s approval', expect: 'waiting' },
    { title: 'Travel helper with skills', expect: 'translate' },
  ];
  for (const preset of presets) {
    test(`preset "${preset.title}" dispatches in two clicks`, async ({ page }) => {
      const builder = new BuilderPage(page);
      await builder.open();
      await new BuilderPage(page).usePreset(preset.title);
      await builder.dispatchButton.click();
      await page.waitForURL(/\/runs\//);
      if (preset.expect === 'waiting') {
        await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'waiting');
        const answer = page.getByRole('form', { name: 'Answer the function' });
        await answer.getByLabel('Your answer').fill('Approved');
        await answer.getByRole('button', { name: 'Send answer' }).click();
      }
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
      if (preset.expect !== 'waiting') await expect(page.locator('main')).toContainText(preset.expect);
    });
  }

  test('every control has a visible label, the keyboard alone can dispatch, and dark mode follows the system', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    for (const title of ['Datasets', 'Functions', 'Skillsets', 'Features', 'Attachments', 'Contact', 'Bot or model', 'Backstory', 'Limits, channel and timezone']) {
      await builder.section(title);
    }
    for (const button of ['Add dataset', 'Add record', 'Add function', 'Add parameter', 'Add skillset', 'Add ability', 'Add feature', 'Add attachment']) {
      await page.getByRole('button', { name: button }).click();
    }
    await page.getByLabel('Contact', { exact: true }).selectOption('details');
    const unlabeled = await page.locator('main input:not([type=hidden]), main textarea, main select').evaluateAll((controls) =>
      controls
        .filter((control) => {
          const labels = (control as HTMLInputElement).labels;
          return !labels || labels.length === 0 || [...labels].every((label) => !label.textContent?.trim() || label.offsetParent === null);
        })
        .map((control) => control.id || control.outerHTML.slice(0, 80)),
    );
    expect(unlabeled).toEqual([]);

    await builder.openFresh();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let step = 0; step < 60; step += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'field-messages-0-text')) break;
    }
    await expect(builder.message(0).getByLabel('Text')).toBeFocused();
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/runs\//);

    await page.emulateMedia({ colorScheme: 'dark' });
    await builder.open();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
  });

  test('is usable at 1280 and 390 pixels wide (screenshots)', async ({ page }) => {
    const builder = new BuilderPage(page);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await builder.open();
      await new BuilderPage(page).usePreset('Order lookup with a fixed answer');
      await builder.section('Functions');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expect(builder.dispatchButton).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/builder-${width}.png`, fullPage: true });
    }
  });
});
