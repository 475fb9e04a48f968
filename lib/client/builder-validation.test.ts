import { describe, expect, it } from 'vitest';
import { labelOf, sectionOf } from './builder-fields';
import { emptyBuilderForm, emptyFunction, emptyParameterRow, type BuilderForm } from './builder-form';
import { formPathOfServerIssue, validateBuilderForm } from './builder-validation';
import { dispatchRequestSchema } from '../dispatch/schema';

function formWithEveryKindOfProblem(): BuilderForm {
  const form = emptyBuilderForm('Not/A_Zone');
  form.messages[0].meta = '{oops';
  form.functions = [
    {
      ...emptyFunction(),
      name: 'lookup',
      parameterRows: [
        { ...emptyParameterRow(), name: 'my param' },
        { ...emptyParameterRow(), name: 'city' },
        { ...emptyParameterRow(), name: 'city' },
      ],
    },
    { ...emptyFunction(), name: 'lookup' },
    {
      ...emptyFunction(),
      name: '1bad',
      parametersMode: 'json',
      parametersJson: '{"type":"object","properties":{"a":{}},"required":["b"]}',
    },
  ];
  form.limits.calls = '0';
  form.model = 'openai/gpt-4o';
  return form;
}

describe('checking the builder form', () => {
  it('finds every problem in one pass, in page order, in plain words', () => {
    const engines = [
      { name: 'local' as const, configured: true, isDefault: true, defaultModel: 'local' },
      {
        name: 'openai' as const,
        configured: false,
        isDefault: false,
        requires: 'OPENAI_API_KEY',
        defaultModel: 'gpt-4o-mini',
      },
    ];
    const { request, problems } = validateBuilderForm(formWithEveryKindOfProblem(), { engines });
    expect(request).toBeUndefined();
    expect(problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`)).toEqual([
      'Message 1 › Text: Write the message text',
      expect.stringMatching(/^Message 1 › Meta: This is not valid JSON/),
      'Model: The openai engine is not set up on this server (it needs OPENAI_API_KEY); pick another model',
      'Function 1 › Parameter 1 › Name: No spaces: try my_param',
      'Function 1 › Parameter 3 › Name: Another parameter is already named "city"; names must be unique',
      'Function 2 › Name: Another function is already named "lookup"; names must be unique',
      'Function 3 › Name: Start with a letter or _, not a digit: try _1bad',
      'Function 3 › Parameters (JSON Schema): "b" is listed as required but is not a parameter',
      'Max function calls: Use a whole number from 1 to 100',
      'Timezone: Use a time zone name such as Europe/Paris or America/New_York',
    ]);
  });

  it('flags every blank parameter row, not only the first (rows become one object keyed by name)', () => {
    const form = emptyBuilderForm('Europe/Paris');
    form.messages[0].text = 'Hello';
    form.functions = [{ ...emptyFunction(), name: 'lookup', parameterRows: [emptyParameterRow(), emptyParameterRow()] }];
    const { problems } = validateBuilderForm(form);
    expect(problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`)).toEqual([
      'Function 1 › Parameter 1 › Name: Give it a name',
      'Function 1 › Parameter 2 › Name: Give it a name',
    ]);
  });

  it('flags an allowed value listed twice, and leaves out blank ones between commas', () => {
    const form = emptyBuilderForm('Europe/Paris');
    form.messages[0].text = 'Hello';
    const shipping = { ...emptyParameterRow(), name: 'shipping', type: 'enum' as const, enumValues: 'standard, express, , express' };
    form.functions = [{ ...emptyFunction(), name: 'ship', parameterRows: [shipping] }];
    const { problems } = validateBuilderForm(form);
    expect(problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`)).toEqual([
      'Function 1 › Parameter 1 › Allowed values: "express" is listed twice; list each value once',
    ]);
    form.functions[0].parameterRows[0].enumValues = 'standard, , express';
    const fixed = validateBuilderForm(form);
    expect(fixed.problems).toEqual([]);
    expect(fixed.request?.functions?.[0].parameters).toMatchObject({
      properties: { shipping: { type: 'string', enum: ['standard', 'express'] } },
    });
  });

  it('returns the parsed request when there is nothing to fix', () => {
    const form = emptyBuilderForm('Europe/Paris');
    form.messages[0].text = 'Hello';
    expect(validateBuilderForm(form)).toEqual({
      request: { messages: [{ type: 'user', text: 'Hello' }] },
      problems: [],
    });
  });

  it('names what is wrong with a function name and suggests one that works', () => {
    const problemOf = (name: string) => {
      const form = emptyBuilderForm('UTC');
      form.messages[0].text = 'Hello';
      form.functions = [{ ...emptyFunction(), name }];
      return validateBuilderForm(form).problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`);
    };
    expect(problemOf('get order status')).toEqual(['Function 1 › Name: No spaces: try get_order_status']);
    expect(problemOf('get-order-status')).toEqual(['Function 1 › Name: Use only letters a–z, digits and _, not “-”: try get_order_status']);
    expect(problemOf('get order.status')).toEqual(['Function 1 › Name: Use only letters a–z, digits and _, not spaces or “.”: try get_order_status']);
    expect(problemOf('2fast')).toEqual(['Function 1 › Name: Start with a letter or _, not a digit: try _2fast']);
    expect(problemOf('get_order_status')).toEqual([]);
  });

  it('flags a dataset without records, as it flags an empty ability, though the server would take it', () => {
    const form = emptyBuilderForm('UTC');
    form.messages[0].text = 'Hello';
    form.extensions.datasets = [
      { name: '', description: '', records: [] },
      { name: 'FAQ', description: '', records: [{ text: 'Open 9 to 5', meta: '' }] },
    ];
    form.extensions.skillsets = [
      { name: '', description: '', abilities: [{ name: '', description: '', instruction: '', secretId: '', meta: '' }] },
      { name: 'Empty', description: '', abilities: [] },
    ];
    expect(validateBuilderForm(form).problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`)).toEqual([
      'Dataset 1 › Records: Add a record, or remove this dataset',
      'Skillset 1 › Ability 1 › Name: Give the ability a name',
      'Skillset 2 › Abilities: Add an ability, or remove this skillset',
    ]);
    // The wire API stays as lenient as ChatBotKit's: the check is the builder's own.
    const wire = {
      messages: [{ type: 'user', text: 'Hello' }],
      extensions: { datasets: [{ records: [] }], skillsets: [{ abilities: [] }] },
    };
    expect(dispatchRequestSchema.safeParse(wire).success).toBe(true);
  });

  it('ties server refusals to the field they are about', () => {
    const form = emptyBuilderForm('UTC');
    expect(formPathOfServerIssue('headers.X-Timezone', form)).toBe('timezone');
    expect(formPathOfServerIssue('functions.0.name', form)).toBe('functions.0.name');
    expect(formPathOfServerIssue('contactId.fingerprint', form)).toBe('contact.fingerprint');
  });

  it('names fields as the page does and knows their section', () => {
    expect(labelOf('extensions.skillsets.0.abilities.1.instruction')).toBe(
      'Skillset 1 › Ability 2 › Instruction',
    );
    expect(labelOf('extensions.datasets.1.records.0.text')).toBe('Dataset 2 › Record 1 › Text');
    // The request's own names, as an imported file's problems give them.
    expect(labelOf('functions.0.parameters')).toBe('Function 1 › Parameters');
    expect(labelOf('functions.0.parameters.properties.city')).toBe('Function 1 › Parameters › city');
    expect(labelOf('functions.1.result.data')).toBe('Function 2 › Result data');
    expect(labelOf('functions.1.result')).toBe('Function 2 › Result');
    expect(labelOf('contact.fingerprint')).toBe('Contact › Fingerprint');
    expect(labelOf('limits.iterations')).toBe('Max iterations');
    expect(sectionOf('extensions.features.0.name')).toBe('section-features');
    expect(sectionOf('modelSettings.temperature')).toBe('section-model');
  });
});

describe('labels of whole lists', () => {
  it('names a list by its section title', () => {
    expect(labelOf('messages')).toBe('Messages');
    expect(labelOf('extensions.datasets.0.records')).toBe('Dataset 1 › Records');
    expect(labelOf('functions.2.parameterRows')).toBe('Function 3 › Parameters');
  });
});

/** A form whose one function has its parameters written as this JSON Schema. */
function formWithSchema(parametersJson: string): BuilderForm {
  const form = emptyBuilderForm('UTC');
  form.messages[0].text = 'Hi';
  form.functions = [{ ...emptyFunction(), name: 'lookup', parametersMode: 'json', parametersJson }];
  return form;
}

describe('parameters written as JSON Schema', () => {
  it('tell every problem of the schema at once, not one per Dispatch', () => {
    const form = formWithSchema('{"type":"object","properties":{"a":{"type":"strin"}},"required":["b"]}');
    expect(validateBuilderForm(form).problems).toEqual([
      {
        path: 'functions.0.parametersJson',
        message: 'Parameter "a": "strin" is not a type; use one of string, number, integer, boolean, object, array, null',
      },
      { path: 'functions.0.parametersJson', message: '"b" is listed as required but is not a parameter' },
    ]);
  });

  it('say which parameter a problem is about', () => {
    const form = formWithSchema('{"type":"object","properties":{"my param":{}}}');
    expect(validateBuilderForm(form).problems).toEqual([
      {
        path: 'functions.0.parametersJson',
        message: 'Parameter "my param": No spaces: try my_param',
      },
    ]);
  });

  it('refuse a type JSON Schema does not know, naming the parameter', () => {
    const form = formWithSchema(
      '{"type":"object","properties":{"city":{"type":"strng"},"tags":{"type":["array","null"]}}}',
    );
    expect(validateBuilderForm(form).problems).toEqual([
      {
        path: 'functions.0.parametersJson',
        message:
          'Parameter "city": "strng" is not a type; use one of string, number, integer, boolean, object, array, null',
      },
    ]);
  });
});

describe("the model's own fields", () => {
  const formWith = (temperature: string, maxTokens: string) => {
    const form = emptyBuilderForm('UTC');
    form.messages[0].text = 'Hi';
    form.modelSettings = { temperature, maxTokens };
    return form;
  };
  const linesOf = (form: BuilderForm) =>
    validateBuilderForm(form).problems.map((problem) => `${labelOf(problem.path)}: ${problem.message}`);

  it('refuse a temperature or a token limit the engine could not use, instead of dropping it unseen', () => {
    expect(linesOf(formWith('7', 'abc'))).toEqual([
      'Temperature: Use a number from 0 to 2, such as 0.7',
      'Max tokens: Use a whole number of tokens, such as 500',
    ]);
    expect(linesOf(formWith('0,7', '1.5'))).toEqual([
      'Temperature: Use a number from 0 to 2, such as 0.7',
      'Max tokens: Use a whole number of tokens, such as 500',
    ]);
  });

  it('check settings typed into the model string itself the same way, and keep them when their fields are empty', () => {
    const typed = formWith('', '');
    typed.model = 'local/temperature=9';
    expect(linesOf(typed)).toEqual(['Model: Temperature: Use a number from 0 to 2, such as 0.7']);
    typed.model = 'local/temperature=0.2';
    expect(validateBuilderForm(typed).request?.model).toBe('local/temperature=0.2');
    // A field that has a value wins over the same setting in the string.
    typed.modelSettings.temperature = '0.5';
    expect(validateBuilderForm(typed).request?.model).toBe('local/temperature=0.5');
  });

  it('accept plain values and empty fields', () => {
    for (const [temperature, maxTokens] of [
      ['0.7', '500'],
      ['0', '1'],
      ['2', ''],
      ['', ''],
    ]) {
      expect(linesOf(formWith(temperature, maxTokens))).toEqual([]);
    }
  });
});

describe('the JSON Schema box of a function', () => {
  it('names the key of the schema a problem is about, since the whole schema is one field', () => {
    const form = formWithSchema('{"type":"object","properties":{"a":{"type":"string"}},"required":"a"}');
    expect(validateBuilderForm(form).problems).toEqual([
      { path: 'functions.0.parametersJson', message: '"required": Must be a list, not text' },
    ]);
  });

  it('says in plain words what a key must hold, not the validator’s wording', () => {
    const form = formWithSchema('{"type":"array","properties":{}}');
    expect(validateBuilderForm(form).problems).toEqual([
      { path: 'functions.0.parametersJson', message: '"type": Must be "object"' },
    ]);
  });
});
