// Page object for the "Share this run" / "Share this experiment" dialog, opened by the page's Share
// button: makes a read-only link (how long it works, and for a run whether viewers may answer) and
// revokes it.
import { expect, type Locator, type Page } from '@playwright/test';
import { readQrPath } from '../../test/support/read-qr';

export class ShareDialog {
  readonly dialog: Locator;

  constructor(
    readonly page: Page,
    what: 'run' | 'experiment',
  ) {
    this.dialog = page.getByRole('dialog', { name: `Share this ${what}` });
  }

  async open() {
    await this.page.getByRole('button', { name: 'Share' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Copy beside the newest link ("Copied" once it worked). */
  get copyButton(): Locator {
    return this.dialog.getByRole('button', { name: /^(Copy|Copied)$/ }).first();
  }

  get allowAnswering(): Locator {
    return this.dialog.getByRole('checkbox', { name: /Allow answering/ });
  }

  /** Makes a link that works for an hour; returns its address once the server has stored it. */
  async createLink({ allowAnswering = false } = {}): Promise<string> {
    await this.dialog.getByLabel('Link works for').selectOption({ label: '1 hour' });
    if (allowAnswering) await this.allowAnswering.check();
    const created = this.page.waitForResponse(
      (answer) => answer.url().endsWith('/shares') && answer.request().method() === 'POST',
    );
    await this.dialog.getByRole('button', { name: 'Create link' }).click();
    expect((await created).status()).toBe(200);
    const link = this.dialog.getByLabel('Share link', { exact: true }).first();
    await expect(link).toHaveValue(/\/share\//);
    return link.inputValue();
  }

  /**
   * Shows the newest link's QR code and reads it as a phone camera would (test/support/read-qr), with its
   * width in modules (border included): the fewer, the larger each square a camera has to make out.
   */
  async readQrCode(): Promise<{ text: string | undefined; modules: number }> {
    await this.dialog.getByRole('button', { name: 'Show QR code' }).first().click();
    const code = this.dialog.getByRole('img', { name: 'QR code of this share link' }).first();
    await expect(code).toBeVisible();
    const modules = Number((await code.getAttribute('viewBox'))!.split(' ')[2]);
    return { text: readQrPath((await code.locator('path').getAttribute('d'))!, modules), modules };
  }

  /** Revoke asks first (it sits beside Copy and cannot be undone); keeping the link changes nothing. */
  async revoke() {
    // With the link's QR code on show, as in a room.
    const show = this.dialog.getByRole('button', { name: 'Show QR code' });
    if ((await show.count()) > 0) await show.first().click();
    await expect(this.dialog.getByRole('img', { name: 'QR code of this share link' })).not.toHaveCount(0);
    await this.dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    const ask = this.dialog.getByRole('group', { name: 'Revoke this link?' });
    await expect(ask.getByRole('button', { name: 'Keep the link' })).toBeFocused();
    await ask.getByRole('button', { name: 'Keep the link' }).click();
    await expect(this.dialog.getByLabel('Share link', { exact: true })).not.toHaveCount(0);
    await this.dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    // The question stands where the buttons were, the QR code (if shown) stepping aside for it.
    await expect(this.dialog.getByRole('img', { name: 'QR code of this share link' })).toHaveCount(0);
    await ask.getByRole('button', { name: 'Revoke the link' }).click();
    await expect(this.dialog.getByText('None: the link you revoked no longer opens.')).toBeVisible();
  }
}
