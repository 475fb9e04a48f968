import { describe, expect, it } from 'vitest';
import { builderFileText, readBuilderFile } from './builder-file';
import { labelOf } from './builder-fields';
import { emptyBuilderForm, emptyFunction, emptyParameterRow, formToRequest, requestToForm } from './builder-form';
import { validateBuilderForm } from './builder-validation';

const problemsOf = (text: string) => {
  const result = readBuilderFile(text);
  return 'problems' in result ? result.problems.map(({ label, message }) => `${label}: ${message}`) : [];
};

describe('importing a request file', () => {
  it('names a wrong kind of value in plain words, not in the validator’s', () => {
    const text = JSON.stringify({
      messages: [{ type: 'robot', text: 5 }],
      functions: 'nope',
      contactId: null,
    });
    expect(problemsOf(text)).toEqual([
      'Message 1 › Type: Pick one of: user, bot, reasoning, context, instruction, backstory, activity, checkpoint',
      'Message 1 › Text: Must be text, not a number',
      'Contact: Must be text or an object ({ … }), not empty (null)',
      'Functions: Must be a list, not text',
    ]);
  });

  it('names a field it does not know in plain words', () => {
    const text = JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], foo: 1, bar: 2 });
    expect(problemsOf(text)).toEqual([
      ': There are no fields called "foo" or "bar" here; check their spelling',
    ]);
    expect(problemsOf(JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], foo: 1 }))).toEqual([
      ': There is no field called "foo" here; check its spelling',
    ]);
  });

  it('says a missing field is required', () => {
    expect(problemsOf(JSON.stringify({ messages: [{ type: 'user' }] }))).toEqual([
      'Message 1 › Text: This is required',
    ]);
  });

  it('takes a function without a description or parameters, and an ability without a description or instruction, as the form does', () => {
    const result = readBuilderFile(
      JSON.stringify({
        messages: [{ type: 'user', text: 'Hi' }],
        functions: [{ name: 'get_order_status' }],
        extensions: { skillsets: [{ abilities: [{ name: 'Book' }] }] },
      }),
    );
    expect(result).toEqual({
      request: {
        messages: [{ type: 'user', text: 'Hi' }],
        functions: [{ name: 'get_order_status', description: '', parameters: { type: 'object', properties: {} } }],
        extensions: { skillsets: [{ abilities: [{ name: 'Book', description: '', instruction: '' }] }] },
      },
    });
  });

  it('loads a half-finished draft into the form as it is, its problems left for the form to show beside their fields', () => {
    // What Export writes for a form with a parameter and an ability not named yet, and a name with spaces.
    const form = emptyBuilderForm('Europe/Paris');
    form.messages[0].text = 'Hi';
    form.functions = [
      { ...emptyFunction(), name: 'get order status', parameterRows: [emptyParameterRow()] },
    ];
    form.extensions.skillsets = [
      { name: '', description: '', abilities: [{ name: '', description: '', instruction: '', secretId: '', meta: '' }] },
    ];
    const exported = formToRequest(form).request;
    const result = readBuilderFile(builderFileText(exported, 'Europe/Paris'));
    expect(result).toEqual({ request: exported, timezone: 'Europe/Paris', unfinished: true });
    const problems = validateBuilderForm(requestToForm(exported, 'Europe/Paris')).problems;
    expect(problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`)).toEqual([
      'Function 1 › Name: No spaces: try get_order_status',
      'Function 1 › Parameter 1 › Name: Give it a name',
      'Skillset 1 › Ability 1 › Name: Give the ability a name',
    ]);
  });

  it('lists the problems of a request the form cannot hold as it is (a value of the wrong kind, a field it has not)', () => {
    const text = JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], functions: [{ name: 'get order status', description: 5 }] });
    expect(problemsOf(text)).toEqual([
      'Function 1 › Name: No spaces: try get_order_status',
      'Function 1 › Description: Must be text, not a number',
    ]);
  });

  it('reads a file that is not JSON as one plain problem', () => {
    expect(problemsOf('not json at all')).toEqual([': This is not valid JSON (near line 1, column 2)']);
    expect(problemsOf('this is not json {')).toEqual([': This is not valid JSON (near line 1, column 2)']);
  });
});
