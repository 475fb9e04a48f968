// Page object for the runs list (/runs).
import type { Locator, Page } from '@playwright/test';

export class RunsPage {
  readonly rows: Locator;
  readonly statusFilter: Locator;

  constructor(readonly page: Page) {
    this.rows = page.locator('tbody tr');
    this.statusFilter = page.getByLabel('Status');
  }

  async open() {
    await this.page.goto('/runs');
  }

  row(channelId: string): Locator {
    return this.page.locator(`tr[data-channel-id="${channelId}"]`);
  }
}
