// Another site cannot drive the app from the user's browser, signed in or not: a page on another origin
// (localhost against 127.0.0.1) or on another port of the same host (same-site) tries to create, cancel
// and answer runs with no-cors fetches and a form POST; every attempt gets 403 and nothing changes.
// And signing in never leads off the site, whatever `next` says.
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../test/support/next-server';
import { waitingRun } from '../test/support/waiting-run';
import { SignInPage } from './pages/sign-in-page';
import { startAttackerSite, type AttackerSite } from './support/attacker-site';

const SECRET = 'e2e-cross-site-secret-5309';
let open: RunningServer;
let secured: RunningServer;

test.beforeAll(async () => {
  [open, secured] = await Promise.all([
    startServer({ env: { CHANNEL_WAIT_TIMEOUT_MS: '120000' } }),
    startServer({ env: { API_SECRET: SECRET, CHANNEL_WAIT_TIMEOUT_MS: '120000' } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([open?.stop(), secured?.stop()]);
});

/** The API as a program (no Origin) uses it. */
const api = (server: RunningServer, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(server === secured && { authorization: `Bearer ${SECRET}` }),
      ...init.headers,
    },
  });

async function startVictimRun(server: RunningServer, channel: string): Promise<string> {
  const response = await api(server, '/api/v1/conversation/dispatch', {
    method: 'POST',
    body: JSON.stringify(waitingRun(channel, 'Please lookupOrder for order 42 (victim)')),
  });
  const { channelId } = (await response.json()) as { channelId: string };
  await expect.poll(async () => runStatus(server, channelId)).toBe('waiting');
  return channelId;
}

async function runStatus(server: RunningServer, channelId: string): Promise<string> {
  return ((await (await api(server, `/api/runs/${channelId}`)).json()) as { run: { status: string } }).run
    .status;
}

async function runTitles(server: RunningServer): Promise<string[]> {
  const { items } = (await (await api(server, '/api/runs?limit=200')).json()) as {
    items: { title: string }[];
  };
  return items.map((item) => item.title);
}

/** Visits the attacker's page at `attackerOrigin`, lets it try everything, and returns the app's answers to it. */
async function suffer(
  page: Page,
  server: RunningServer,
  attackerOrigin: string,
  victim: string,
  channel: string,
) {
  const attackPaths = [
    '/api/v1/conversation/dispatch',
    `/api/runs/${victim}/cancel`,
    `/api/v1/channel/${channel}/publish`,
  ];
  const answers: { path: string; status: number }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (
      url.origin === server.url &&
      response.request().method() === 'POST' &&
      attackPaths.includes(url.pathname)
    ) {
      answers.push({ path: url.pathname, status: response.status() });
    }
  });
  await page.goto(attackerOrigin);
  await expect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
  await page.evaluate((args) => (window as unknown as { attack(a: object): Promise<void> }).attack(args), {
    victim,
    channel,
  });
  await expect.poll(() => answers.length).toBe(3);
  await page.getByRole('button', { name: 'Claim' }).click();
  await expect.poll(() => answers.length).toBe(4);
  return answers;
}

for (const [name, attackerHost] of [
  ['another site (localhost against 127.0.0.1)', 'localhost'],
  ['another port of the same host (same-site)', '127.0.0.1'],
] as const) {
  test.describe(`a page on ${name}`, () => {
    let attacker: AttackerSite;
    test.afterEach(async () => attacker?.close());

    test('cannot create, cancel or answer runs on a server without a secret', async ({ page }) => {
      const channel = `approval-${Date.now()}`;
      const victim = await startVictimRun(open, channel);
      attacker = await startAttackerSite(open.url);
      const answers = await suffer(page, open, `http://${attackerHost}:${attacker.port}/`, victim, channel);

      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
      expect(await runStatus(open, victim)).toBe('waiting');
      expect((await runTitles(open)).filter((title) => title.startsWith('ATTACK'))).toEqual([]);

      // The app itself, and programs without an Origin, still act: the victim's run is answered.
      await api(open, `/api/v1/channel/${channel}/publish`, {
        method: 'POST',
        body: JSON.stringify({ message: { approved: true } }),
      });
      await expect.poll(async () => runStatus(open, victim)).toBe('completed');
    });

    test('cannot act with the signed-in user’s session cookie either', async ({ page }) => {
      await page.goto(`${secured.url}/sign-in`);
      await new SignInPage(page).signIn(SECRET);
      await expect(page).toHaveURL(`${secured.url}/`);

      const channel = `approval-${Date.now()}`;
      const victim = await startVictimRun(secured, channel);
      attacker = await startAttackerSite(secured.url);
      const answers = await suffer(
        page,
        secured,
        `http://${attackerHost}:${attacker.port}/`,
        victim,
        channel,
      );

      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
      expect(await runStatus(secured, victim)).toBe('waiting');
      expect((await runTitles(secured)).filter((title) => title.startsWith('ATTACK'))).toEqual([]);

      // Back on the app, the same browser and session still work.
      await page.goto(`${secured.url}/runs`);
      await expect(page.getByText('Please lookupOrder for order 42 (victim)').first()).toBeVisible();
      await api(secured, `/api/v1/channel/${channel}/publish`, {
        method: 'POST',
        body: JSON.stringify({ message: { approved: true } }),
      });
      await expect.poll(async () => runStatus(secured, victim)).toBe('completed');
    });
  });
}

test('signing in never leads off the site, however `next` is disguised', async ({ page }) => {
  const signIn = new SignInPage(page);
  for (const next of [
    '%2F%09%2Fevil.example',
    '%2F%0A%2Fevil.example',
    '%2F%0D%2Fevil.example',
    '%2F%5Cevil.example',
    '%2F%5C%5Cevil.example',
    '%5C%2Fevil.example',
    '%2F%09%5Cevil.example',
    '%2F%2Fevil.example',
    '%252F%252Fevil.example',
    '/%09/evil.example',
    'https:%2F%2Fevil.example',
  ]) {
    await page.goto(`${secured.url}/sign-in?next=${next}`);
    await signIn.signIn(SECRET);
    await expect(page, next).toHaveURL(`${secured.url}/`);
  }
  // A genuine path on the site is still where sign-in goes.
  await page.goto(`${secured.url}/sign-in?next=%2Fruns%3Fstatus%3Dfailed`);
  await signIn.signIn(SECRET);
  await expect(page).toHaveURL(`${secured.url}/runs?status=failed`);
});
