// Issue 17, line 6: actions show their result — Copy says "Copied", Export confirms, import problems
// stand beside the input they came from, and the cURL snippet dispatches, follows the run and prints
// the live-view URL (this test runs it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

const run = promisify(execFile);

const readDownload = async (download: { path: () => Promise<string> }) => fs.readFileSync(await download.path(), 'utf8');

test.use({ timezoneId: 'Asia/Tokyo' });

test.describe('builder actions', () => {
  test.beforeEach(async ({ page }) => {
    await new BuilderPage(page).clearSavedWork();
  });

  test('Copy says "Copied" and the clipboard holds the code', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('Copy me');
    await page.getByRole('button', { name: 'Code' }).click();
    const code = page.getByRole('dialog', { name: 'Code' });
    await expect(code.getByRole('status')).toHaveText('');
    await code.getByRole('button', { name: 'Copy' }).click();
    await expect(code.getByRole('status')).toHaveText('Copied');
    await expect(code.getByRole('button', { name: 'Copied' })).toBeVisible();
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(await code.getByTestId('code-snippet').textContent());
    // Another tab has not been copied yet.
    await code.getByRole('tab', { name: 'fetch' }).click();
    await expect(code.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
    // A form that passes its checks gives code the server takes: no warning.
    await expect(code.getByTestId('code-refused')).toHaveCount(0);
  });

  test('the code of a form with problems says the server will refuse it, naming the fields', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('');
    await page.getByRole('button', { name: 'Code' }).click();
    const code = page.getByRole('dialog', { name: 'Code' });
    await expect(code.getByTestId('code-refused')).toHaveText(
      'The server refuses this request until the form is fixed: Message 1 › Text. Press Dispatch to see each problem beside its field.',
    );
  });

  test('Export saves a form with problems, and its confirmation says how many the server will refuse and where', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill('What are your opening hours?');
    await builder.section('Datasets');
    await page.getByRole('button', { name: 'Add dataset' }).click();
    await builder.section('Skillsets');
    await page.getByRole('button', { name: 'Add skillset' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    // Unfinished work is still saved: the file holds what the preview shows.
    expect(JSON.parse(await readDownload(await download)).request).toEqual(await builder.previewJson());
    await expect(page.getByRole('status')).toHaveText(
      'Exported dispatch-request.json (the request and the time zone Asia/Tokyo). It has 2 problems the server will refuse until they are fixed: Dataset 1 › Records, Skillset 1 › Abilities.',
    );
    // The same fields the Code dialog names.
    await page.getByRole('button', { name: 'Code' }).click();
    await expect(page.getByRole('dialog', { name: 'Code' }).getByTestId('code-refused')).toContainText(
      'fixed: Dataset 1 › Records, Skillset 1 › Abilities.',
    );
  });

  test('import problems stand beside the input they came from, in the builder\'s words', async ({ page }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a request' });
    const pasted = dialog.getByLabel('Request JSON');
    await pasted.fill('{"messages":[{"type":"robot","text":1}],"functions":[{"name":"x y"}]}');
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    const pasteProblems = dialog.getByRole('list', { name: /problems in the pasted JSON/ });
    await expect(pasteProblems).toContainText('Message 1 › Type: Pick one of: user, bot');
    await expect(pasteProblems).toContainText('Function 1 › Name: No spaces: try x_y');
    await expect(pasted).toHaveAttribute('aria-invalid', 'true');
    expect(await pasted.getAttribute('aria-describedby')).toContain('-error');

    const file = dialog.getByLabel('Or load a .json file');
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"messages": [') });
    const fileProblems = dialog.getByRole('list', { name: 'One problem in broken.json' });
    await expect(fileProblems).toContainText('This is not valid JSON');
    // The file's problems are announced with the file picker, not with the pasted text.
    const fileDescribedBy = (await file.getAttribute('aria-describedby')) ?? '';
    await expect(dialog.locator(`[id="${fileDescribedBy}"]`)).toContainText('broken.json');
    await expect(pasted).not.toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('(file)')).toHaveCount(0);
    // The file's text replaced the old paste in the box, to be fixed there and loaded.
    await expect(pasted).toHaveValue('{"messages": [');
    await pasted.fill('{"messages": [{"type": "user", "text": "Fixed in the box"}]}');
    await dialog.getByRole('button', { name: 'Load into the form' }).click();
    await expect(dialog).toBeHidden();
    await expect(builder.message(0).getByLabel('Text')).toHaveValue('Fixed in the box');
  });

  test('the cURL snippet dispatches, prints the live-view URL and follows the run to its end', async ({ page, baseURL }) => {
    const builder = new BuilderPage(page);
    await builder.open();
    await builder.message(0).getByLabel('Text').fill("repeat 5 — it's a test");
    await page.getByRole('button', { name: 'Code' }).click();
    const code = page.getByRole('dialog', { name: 'Code' });
    await code.getByRole('tab', { name: 'cURL' }).click();
    const snippet = (await code.getByTestId('code-snippet').textContent()) ?? '';
    // This server asks for no secret, so the example sends none.
    expect(snippet).not.toMatch(/authorization/i);
    const { stdout } = await run('bash', ['-c', snippet], { env: { ...process.env, API_SECRET: '' }, timeout: 60_000 });
    const [first, ...events] = stdout.trim().split('\n');
    const match = first.match(new RegExp(`^Live view: ${baseURL}/runs/([A-Za-z0-9_-]+)$`));
    expect(match).not.toBeNull();
    const types = events.map((line) => (JSON.parse(line) as { data: { type: string } }).data.type);
    expect(types[0]).toBe('completeBegin');
    expect(types.filter((type) => type === 'token')).toHaveLength(5);
    expect(types.at(-1)).toBe('completeEnd');
    const stored = await (await page.request.get(`/api/runs/${match?.[1]}`)).json();
    expect(stored.request).toEqual({ messages: [{ type: 'user', text: "repeat 5 — it's a test" }] });
    expect(stored.timezone).toBe('Asia/Tokyo');
    // The printed URL is the run's live view.
    await page.goto(`/runs/${match?.[1]}`);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  });
});
