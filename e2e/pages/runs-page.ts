// Page object for the runs list (/runs).
import { expect, type Locator, type Page } from '@playwright/test';

export class RunsPage {
  readonly rows: Locator;
  readonly statusFilter: Locator;
  readonly engineFilter: Locator;
  readonly createdFilter: Locator;
  readonly sourceFilter: Locator;
  readonly search: Locator;
  readonly dialog: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.rows = page.locator('tbody tr');
    this.statusFilter = page.getByLabel('Status', { exact: true });
    this.engineFilter = page.getByLabel('Engine', { exact: true });
    this.createdFilter = page.getByLabel('Created', { exact: true });
    this.sourceFilter = page.getByLabel('Source', { exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.dialog = page.getByRole('dialog');
    this.outcome = page.getByRole('status').filter({ hasText: /Cancelled|Retried/ });
  }

  async open(query = '') {
    await this.page.goto(`/runs${query}`);
  }

  row(channelId: string): Locator {
    return this.page.locator(`tr[data-channel-id="${channelId}"]`);
  }

  async select(channelId: string) {
    await this.row(channelId).getByRole('checkbox').check();
  }

  /** Clicks a button, then confirms in the dialog that asks first. */
  async confirmWith(button: Locator, confirmLabel: 'Cancel run' | 'Cancel runs' | 'Retry run' | 'Retry runs') {
    await button.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('button', { name: confirmLabel }).click();
    await expect(this.dialog).toBeHidden();
  }
}
