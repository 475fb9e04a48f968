// Page objects for the experiments pages: the setup form (/experiments/new) and one experiment.
import { expect, type Locator, type Page } from '@playwright/test';

export class ExperimentSetupPage {
  readonly startButton: Locator;

  constructor(readonly page: Page) {
    this.startButton = page.getByRole('button', { name: /^Start/ });
  }

  async open(path = '/experiments/new?kind=batch') {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { name: 'New experiment' })).toBeVisible();
  }

  variant(index: number): Locator {
    return this.page.getByRole('group', { name: `Variant ${index + 1}`, exact: true });
  }

  async setVariant(index: number, values: { name?: string; model?: string; backstory?: string }) {
    const group = this.variant(index);
    if (values.name !== undefined) await group.getByLabel(`Variant ${index + 1} › Name`).fill(values.name);
    if (values.model !== undefined) await group.getByLabel(`Variant ${index + 1} › Model`).fill(values.model);
    if (values.backstory !== undefined)
      await group.getByLabel(`Variant ${index + 1} › Backstory`).fill(values.backstory);
  }

  async upload(name: string, text: string, mimeType = 'text/csv') {
    await this.page
      .getByLabel('File of inputs', { exact: true })
      .setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
  }

  /** Starts the experiment and answers its id from the page it lands on. */
  async start(): Promise<string> {
    await this.startButton.click();
    await this.page.waitForURL(/\/experiments\/exp_[^/]+$/);
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/experiments/')[1]);
  }
}

export class ExperimentViewPage {
  readonly status: Locator;
  readonly grid: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('experiment-status');
    this.grid = page.getByRole('table', { name: 'Answers by input and variant' });
    this.progress = page.getByRole('progressbar');
  }

  cellsIn(status: string): Locator {
    return this.grid.locator(`[data-testid="cell-status"][data-status="${status}"]`);
  }

  /** The rows of the grid present in the DOM (the virtualized window, not every input). */
  renderedRows(): Locator {
    return this.grid.locator('[role="row"][data-row]');
  }
}
