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

test('the model settings and limits say what each field does, without protocol words', async ({ page }) => {
  const builder = new BuilderPage(page);
  await builder.openFresh();
  const model = await builder.section('Bot or model');
  await expect(model.getByLabel('Privacy mode')).toHaveAccessibleDescription(
    'ChatBotKit turns on its privacy features for the conversation',
  );
  await expect(model.getByLabel('Moderation')).toHaveAccessibleDescription(
    'ChatBotKit checks the conversation for harmful content',
  );
  await expect(model.getByLabel('Dataset id')).toHaveAccessibleDescription(/^A dataset kept in ChatBotKit/);
  await expect(model.getByLabel('Skillset id')).toHaveAccessibleDescription(/^A skillset kept in ChatBotKit/);
  const options = await builder.section('Limits, channel and timezone');
  await expect(options.getByLabel('Channel id (optional)')).toHaveAccessibleDescription(
    /^The address the run's progress is read from/,
  );
  // The header it travels in is the code export's business, not the form's.
  await expect(options.getByLabel('Timezone')).toHaveAccessibleDescription(
    'Where the person is, for answers about the date and time, e.g. Europe/Paris',
  );
});

test('before Dispatch, the builder says when the built-in demo engine would answer rather than an AI model', async ({
  page,
}) => {
  const builder = new BuilderPage(page);
  await builder.openFresh();
  // This server's default engine is the built-in local one.
  const line = page.getByTestId('dispatch-bar').getByTestId('demo-engine-line');
  await expect(line).toHaveText(/built-in demo engine, not an AI model/);
  // A ChatBotKit bot answers instead: nothing to warn of.
  const model = await builder.section('Bot or model');
  await model.getByLabel('Answer with').selectOption({ label: 'A ChatBotKit bot (bot id)' });
  await model.getByLabel('Bot id').fill('bot_demo');
  await expect(line).toHaveCount(0);
  await model.getByLabel('Answer with').selectOption({ label: 'A model' });
  await expect(line).toBeVisible();
});
