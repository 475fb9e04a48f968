// Page object for the live view of one channel (/runs/{channelId}).
import { expect, type Locator, type Page } from '@playwright/test';

export class LivePage {
  readonly transcript: Locator;
  readonly timeline: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.transcript = page.getByRole('region', { name: 'Transcript' });
    this.timeline = page.getByRole('log', { name: 'Event timeline' });
    this.status = page.getByTestId('run-status');
  }

  async open(channelId: string) {
    await this.page.goto(`/runs/${channelId}`);
  }

  /** The bot's reply as shown, across reply segments. */
  async replyText(): Promise<string> {
    return (await this.page.getByTestId('reply-text').allTextContents()).join('');
  }

  async expectStatus(status: string, timeout = 60_000) {
    await expect(this.status).toHaveAttribute('data-status', status, { timeout });
  }

  functionCard(name: string): Locator {
    return this.page.getByRole('article', { name: `Function call ${name}` });
  }
}
