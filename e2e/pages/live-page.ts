// Page object for the live view of one channel (/runs/{channelId}, ?present=1, and /share/{token}).
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { dispatchRun, readAllEvents, userMessage } from '../support/api';

/** Text as a reader sees it: Markdown rendered, whitespace collapsed. */
export const readable = (text: string) => text.replace(/\s+/g, ' ').trim();

export class LivePage {
  readonly transcript: Locator;
  readonly timeline: Locator;
  readonly status: Locator;
  readonly story: Locator;

  constructor(readonly page: Page) {
    this.transcript = page.getByRole('region', { name: 'Transcript' });
    this.timeline = page.getByRole('log', { name: 'Event timeline' });
    this.status = page.getByTestId('run-status');
    this.story = page.getByTestId('run-story');
  }

  /** Whether the bottom of the page (the reply's latest words) is in view. */
  atBottom(): Promise<boolean> {
    return this.page.evaluate(
      () => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 150,
    );
  }

  get jumpToLatest(): Locator {
    return this.page.getByRole('button', { name: /Jump to latest/ });
  }

  async open(channelId: string, query = '') {
    await this.page.goto(`/runs/${channelId}${query}`);
  }

  /** Dispatches `text` as the user's message, lets the run finish, and opens its page; returns its id. */
  async openCompletedRun(request: APIRequestContext, text: string): Promise<string> {
    const channelId = await dispatchRun(request, userMessage(text));
    await readAllEvents(request, channelId);
    await this.open(channelId);
    await this.expectStatus('completed');
    return channelId;
  }

  /** The bot's reply as shown (rendered Markdown), across reply segments, whitespace collapsed. */
  async replyText(): Promise<string> {
    return readable((await this.page.getByTestId('reply-text').allTextContents()).join(' '));
  }

  async expectStatus(status: string, timeout = 60_000) {
    await expect(this.status).toHaveAttribute('data-status', status, { timeout });
  }

  /** A function's card, by the name people read ("Lookup order" for lookupOrder), waiting or answered. */
  functionCard(name: string): Locator {
    return this.page
      .getByRole('region', { name: `${name} is waiting for an answer` })
      .or(this.page.getByRole('article', { name: `Function call ${name}` }));
  }

  waitingCard(name: string): Locator {
    return this.page.getByRole('region', { name: `${name} is waiting for an answer` });
  }

  /** Opens the folded event log (the choice is remembered by the browser). A click that did not open it
   * (once in a loaded CI run, not reproduced since) is tried again; the log must then show. */
  async showEvents() {
    const summary = this.page.getByText(/^(Show|Hide) events/);
    await expect(async () => {
      if ((await summary.textContent())?.startsWith('Show')) await summary.click();
      await expect(this.timeline).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 15_000 });
  }

  /** Answers in the form; `json` switches JSON on (presented, as to a room, there is no switch: plain text). */
  async answer(text: string, options: { json?: boolean } = {}) {
    const form = this.page.getByRole('form', { name: 'Answer the function' });
    if (options.json) await form.getByRole('checkbox', { name: 'JSON' }).check();
    await form.getByLabel('Your answer').fill(text);
    await form.getByRole('button', { name: 'Send answer' }).click();
  }
}
