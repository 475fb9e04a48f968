// Page object for the sign-in page (/sign-in), shown when API_SECRET is set.
import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly secret: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in' });
    this.secret = page.getByLabel('Secret');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert').filter({ hasText: /./ });
  }

  async expectShown() {
    await expect(this.heading).toBeVisible();
  }

  async signIn(secret: string) {
    await this.secret.fill(secret);
    await this.submit.click();
  }
}
