// Signing in to a server that has API_SECRET set, in Chromium: the dashboard asks for the secret once,
// keeps an httpOnly session cookie, runs under a nonce CSP without violations, and signs out.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { BuilderPage } from './pages/builder-page';
import { SignInPage } from './pages/sign-in-page';

const SECRET = 'e2e-dashboard-secret-4821';
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({
    env: { API_SECRET: `other-secret-0000,${SECRET}`, LOCAL_TOKEN_DELAY_MS: '0' },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Collects Content-Security-Policy violations and uncaught errors the page reports. */
function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test('signs in with the secret, uses the session for the dashboard and signs out', async ({
  page,
  context,
}) => {
  const problems = watchForProblems(page);
  const title = `security e2e run ${Date.now()}`;
  const dispatched = await fetch(`${server.url}/api/v1/conversation/dispatch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
    body: JSON.stringify({ messages: [{ type: 'user', text: title }] }),
  });
  expect(dispatched.status).toBe(200);

  // A dashboard page without a session leads to the sign-in page, remembering where to go back.
  await page.goto(`${server.url}/runs`);
  await expect(page).toHaveURL(`${server.url}/sign-in?next=%2Fruns`);
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  // In words for people: no "session cookie".
  await expect(page.getByRole('main')).toContainText('You then stay signed in on this browser for 7 days.');
  await expect(page.getByRole('main')).not.toContainText('cookie');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // A wrong secret is refused, with the error tied to the field.
  await signIn.signIn('not-the-secret');
  await expect(signIn.error).toHaveText('That secret is not valid.');
  await expect(signIn.secret).toHaveAttribute('aria-invalid', 'true');
  await expect(signIn.secret).toHaveAttribute('aria-describedby', 'secret-error');

  // The right one signs in and goes back to the runs list, which loads with the session cookie alone.
  await signIn.signIn(SECRET);
  await expect(page).toHaveURL(`${server.url}/runs`);
  await expect(page.getByText(title)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const session = (await context.cookies(server.url)).find((cookie) => cookie.name === 'ds_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(session?.value).not.toContain(SECRET);
  expect(await page.evaluate(() => document.cookie)).not.toContain('ds_session');

  // Sign out clears the cookie: the API refuses the browser again and pages lead back to sign-in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${server.url}/sign-in`);
  expect((await context.cookies(server.url)).find((cookie) => cookie.name === 'ds_session')).toBeUndefined();
  expect((await page.request.get(`${server.url}/api/runs`)).status()).toBe(401);
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(`${server.url}/sign-in?next=%2F`);

  expect(problems).toEqual([]);
});

test('the dashboard runs under its CSP without a single violation', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${server.url}/sign-in`);
  await new SignInPage(page).signIn(SECRET);
  await expect(page).toHaveURL(`${server.url}/`);
  for (const path of ['/', '/runs']) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.headers()['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
    );
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('the code example sends the secret this server asks for, and runs with it', async ({ page }) => {
  await page.goto(`${server.url}/sign-in`);
  await new SignInPage(page).signIn(SECRET);
  await expect(page).toHaveURL(`${server.url}/`);
  const builder = new BuilderPage(page);
  await builder.open(`${server.url}/`);
  await builder.message(0).getByLabel('Text').fill('repeat 3');
  await page.getByRole('button', { name: 'Code' }).click();
  const code = page.getByRole('dialog', { name: 'Code' });
  await code.getByRole('tab', { name: 'cURL' }).click();
  const snippet = (await code.getByTestId('code-snippet').textContent()) ?? '';
  expect(snippet).toContain('authorization: Bearer $API_SECRET');
  expect(snippet).not.toContain(SECRET);
  const { stdout } = await promisify(execFile)('bash', ['-c', snippet], {
    env: { ...process.env, API_SECRET: SECRET },
    timeout: 60_000,
  });
  const types = stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => (JSON.parse(line) as { data: { type: string } }).data.type);
  expect(types.at(-1)).toBe('completeEnd');
});
