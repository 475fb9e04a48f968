// Page object for the overview (/overview).
import type { Locator, Page } from '@playwright/test';

export class OverviewPage {
  readonly figures: Locator;
  readonly charts: Locator;

  constructor(readonly page: Page) {
    this.figures = page.getByTestId('overview-figures');
    this.charts = page.locator('figure');
  }

  async open(query = '') {
    await this.page.goto(`/overview${query}`);
  }

  /** The count shown for a status, e.g. statusCount('completed'). */
  async statusCount(status: string): Promise<number> {
    const text = await this.page.getByTestId(`status-${status}`).locator('span.font-semibold').innerText();
    return Number(text.replace(/[^0-9]/g, ''));
  }

  figure(label: string): Locator {
    return this.figures.locator('div').filter({ has: this.page.locator('dt', { hasText: label }) });
  }
}
