// An answer typed into a waiting card and not yet sent survives a reload of the page — on a phone the
// browser reloads a tab it put away while the person looked something up in another app — and is gone
// once sent.
import { expect, test } from '@playwright/test';
import { LivePage } from './pages/live-page';
import { dispatchRun, resultTextOf } from './support/api';

test.describe('on a phone (390 px, touch)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('an answer typed but not sent is still in its box after a reload, JSON switch and all, and is sent from there', async ({
    page,
    request,
  }) => {
    const channelId = await dispatchRun(request, {
      messages: [{ type: 'user', text: 'Please approve my refund of 40 euros' }],
      functions: [
        {
          name: 'requestApproval',
          description: 'Asks a person to approve a refund',
          parameters: { type: 'object', properties: {} },
          result: { channel: `draft-approvals-${Date.now()}` },
        },
      ],
    });
    const live = new LivePage(page);
    await live.open(channelId);
    await live.expectStatus('waiting');
    const form = page.getByRole('form', { name: 'Answer the function' });
    await expect(form).toContainText('For an answer a program reads field by field, tick “Structured data (JSON)”.');
    await form.getByRole('checkbox', { name: 'Structured data (JSON)', exact: true }).check();
    await form.getByLabel('Your answer').fill('{"approved": true, "amount": 30}');

    await page.reload();
    await live.expectStatus('waiting');
    await expect(form.getByLabel('Your answer')).toHaveValue('{"approved": true, "amount": 30}');
    await expect(form.getByRole('checkbox', { name: 'JSON' })).toBeChecked();

    await form.getByRole('button', { name: 'Send answer' }).click();
    await live.expectStatus('completed');
    expect(await resultTextOf(request, channelId)).toContain('30');
    // Sent, it is not kept: nothing is left behind in the tab for this run.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.includes('answer')))).toEqual([]);
  });
});
