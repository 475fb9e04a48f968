// A function's parameters and its call timing are chosen in plain words ("Whole number", "Yes or no",
// "Always call it before the reply"), not JSON Schema's ("integer", "boolean") or the request's ("call.start");
// the request still carries the schema's words.
import { expect, test } from '@playwright/test';
import { BuilderPage } from './pages/builder-page';

test('a parameter’s type and a function’s call timing are offered in plain words, and sent in the schema’s', async ({
  page,
}) => {
  const builder = new BuilderPage(page);
  await builder.openFresh();
  const functions = await builder.section('Functions');
  await page.getByRole('button', { name: 'Add function' }).click();
  await functions.getByLabel('Name', { exact: true }).first().fill('approveRefund');
  await page.getByRole('button', { name: 'Add parameter' }).click();
  const parameters = page.getByRole('group', { name: 'Parameters of function 1' });
  await parameters.getByLabel('Name').fill('amount');

  const type = parameters.getByLabel('Type');
  await expect(type.getByRole('option')).toHaveText([
    'Text',
    'Number',
    'Whole number',
    'Yes or no',
    'One of a list',
    'List',
    'Group of fields',
  ]);
  await type.selectOption({ label: 'Whole number' });
  await functions.getByLabel('Always call it before the reply').check();
  await functions.getByLabel('Always call it after the reply').check();

  await builder.expectPreview({
    functions: [
      {
        name: 'approveRefund',
        parameters: { type: 'object', properties: { amount: { type: 'integer' } } },
        call: { start: true, end: true },
      },
    ],
  });
});
