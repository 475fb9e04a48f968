// One part of a page checked with axe-core (WCAG 2.1 AA) in light and dark: no serious or critical
// problem. Colours are checked at rest: a button mid-way through its 150 ms colour transition after the
// switch of theme reads as low contrast. Whole pages are checked by accessibility.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectAccessibleInBothThemes(page: Page, selector: string): Promise<void> {
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include(selector)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.filter((found) => ['serious', 'critical'].includes(found.impact ?? '')),
      `${selector} in ${colorScheme}`,
    ).toEqual([]);
  }
}
