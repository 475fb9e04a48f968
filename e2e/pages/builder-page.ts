// Page object for the builder (/).
import { expect, type Locator, type Page } from '@playwright/test';

export class BuilderPage {
  readonly preview: Locator;
  readonly dispatchButton: Locator;

  constructor(readonly page: Page) {
    this.preview = page.getByTestId('json-preview');
    this.dispatchButton = page.getByRole('button', { name: 'Dispatch', exact: true });
  }

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { name: 'Builder' })).toBeVisible();
    // The form is ready once the start-up load (draft or handoff) has run.
    await expect(this.page.locator('form[data-ready="true"]')).toBeAttached();
  }

  /**
   * Forgets what the builder saved in this browser (draft, guided start, open sections) for the server of
   * `path`, from another of its pages: an open builder saves its draft as it goes away (pagehide) and its
   * autosave could write the old form back after the clear.
   */
  async clearSavedWork(path = '/') {
    await this.page.goto(/^https?:\/\//.test(path) ? new URL('/runs', path).href : '/runs');
    await this.page.evaluate(() => localStorage.clear());
  }

  /** Opens the builder as on a first visit, nothing saved (`path` may name another server, such as the fast one). */
  async openFresh(path = '/') {
    await this.clearSavedWork(path);
    await this.open(path);
  }

  /** Opens a collapsed section by its title. */
  async section(title: string): Promise<Locator> {
    const section = this.page.locator('details').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
    if (!(await section.evaluate((element) => (element as HTMLDetailsElement).open))) {
      await section.locator('summary').first().click();
    }
    return section;
  }

  /** The presets gallery, folded away once someone is working. */
  get presets(): Locator {
    return this.page.getByTestId('presets-gallery');
  }

  /** Loads a preset by its title, opening the gallery first when it is folded. */
  async usePreset(title: string) {
    if (!(await this.presets.evaluate((element) => (element as HTMLDetailsElement).open))) {
      await this.presets.locator('summary').click();
    }
    await this.page.getByRole('button', { name: `Use preset: ${title}` }).click();
  }

  message(index: number): Locator {
    return this.page.getByRole('group', { name: `Message ${index + 1}`, exact: true });
  }

  /** The "Extra data for programs (optional)" fold that keeps a Meta field out of the way, inside `container`. */
  metaFold(container: Locator): Locator {
    return container.locator('details', {
      has: this.page.locator('summary', { hasText: 'Extra data for programs (optional)' }),
    });
  }

  /** The Meta field (JSON for programs) labelled `label` inside `container`, its fold opened first. */
  async metaIn(container: Locator, label: string | RegExp = 'Meta (JSON object)'): Promise<Locator> {
    const fold = this.metaFold(container).filter({ has: this.page.getByLabel(label) });
    if (!(await fold.evaluate((element) => (element as HTMLDetailsElement).open))) {
      await fold.locator('summary').click();
    }
    return fold.getByLabel(label);
  }

  /** The fold that keeps message `index`'s Meta out of the way. */
  messageMetaFold(index: number): Locator {
    return this.metaFold(this.message(index));
  }

  /** Message `index`'s Meta field, its fold opened first. */
  async messageMeta(index: number): Promise<Locator> {
    return this.metaIn(this.message(index));
  }

  async previewJson(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.preview.textContent()) ?? '{}') as Record<string, unknown>;
  }

  async expectPreview(partial: Record<string, unknown>) {
    await expect.poll(() => this.previewJson()).toMatchObject(partial);
  }

  /** The error summary shown after pressing Dispatch on a form with problems. */
  get summary(): Locator {
    return this.page.getByRole('list', { name: 'Problems to fix' });
  }

  /** The summary's lines, as shown ("Function 1 › Name: …"). */
  async summaryLines(): Promise<string[]> {
    return (await this.summary.getByRole('listitem').allTextContents()).map((line) => line.replace(/\s+/g, ' ').trim());
  }

  /** The problem shown beside a control (its aria-describedby error). */
  async problemBeside(control: Locator): Promise<string> {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
    if (ids.length === 0) return '';
    return (await this.page.locator(`[id="${ids[0]}"]`).textContent()) ?? '';
  }

  /** The draft the builder keeps in localStorage, once it holds `text` (drafts are saved shortly after a change). */
  async waitForDraftContaining(text: string) {
    await expect.poll(() => this.page.evaluate(() => localStorage.getItem('dispatch-studio.builder.draft') ?? '')).toContain(text);
  }

  async dispatchAndGetChannel(): Promise<string> {
    await this.dispatchButton.click();
    await this.page.waitForURL(/\/runs\/[^/]+$/);
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/runs/')[1]);
  }
}
