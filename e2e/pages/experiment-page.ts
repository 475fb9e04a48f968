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

  /** The card of the variant at `index` (0-based); each card is a group named by its heading, the variant's name. */
  variant(index: number): Locator {
    return this.page.getByRole('group', { name: 'Variants', exact: true }).getByRole('group').nth(index);
  }

  /** A field of a variant's card, labelled "<the variant's name> › Model" for a screen reader. */
  variantField(index: number, field: 'Name' | 'Model' | 'Backstory'): Locator {
    return this.variant(index).getByLabel(new RegExp(` › ${field}$`));
  }

  async setVariant(index: number, values: { name?: string; model?: string; backstory?: string }) {
    if (values.name !== undefined) await this.variantField(index, 'Name').fill(values.name);
    if (values.model !== undefined) await this.variantField(index, 'Model').fill(values.model);
    if (values.backstory !== undefined) await this.variantField(index, 'Backstory').fill(values.backstory);
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
