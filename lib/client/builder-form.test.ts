// The builder's form holds every request it can load: request → form → request gives the request back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatModelString, ENGINE_NAMES } from '../dispatch/model-string';
import { dispatchRequestSchema, MESSAGE_TYPES, type DispatchRequest } from '../dispatch/schema';
import { builderFormSchema, formToRequest, requestToForm } from './builder-form';

// A text field cannot tell "" from absent, so optional strings are generated non-empty; likewise
// optional lists are absent or non-empty and flags absent or true. Those are the requests a form can say.
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const someText = fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim() !== '');
const anyText = fc.string({ maxLength: 40 });
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const jsonObject = fc.dictionary(word, jsonValue, { maxKeys: 3 });
const optionalKey = { requiredKeys: [] };
const nonEmpty = <T>(item: fc.Arbitrary<T>, max = 3) => fc.array(item, { minLength: 1, maxLength: max });

const message = fc.record(
  { type: fc.constantFrom(...MESSAGE_TYPES), text: anyText, meta: jsonObject },
  { requiredKeys: ['type', 'text'] },
);

const parameterSchema = fc.oneof(
  fc.record(
    { type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'object'), description: someText },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('string'), enum: nonEmpty(word) }),
  fc.record({ type: fc.constant('string'), format: fc.constant('date') }),
);
const parameters = fc
  .uniqueArray(fc.tuple(word, parameterSchema, fc.boolean()), { selector: ([name]) => name, maxLength: 4 })
  .map((entries) => {
    const required = entries.filter(([, , isRequired]) => isRequired).map(([name]) => name);
    return {
      type: 'object' as const,
      properties: Object.fromEntries(entries.map(([name, schema]) => [name, schema])),
      ...(required.length > 0 && { required }),
    };
  });

const fn = fc.record(
  {
    name: word,
    description: anyText,
    parameters,
    result: fc.oneof(fc.record({ data: jsonValue }), fc.record({ channel: word })),
    call: fc.oneof(
      fc.constant({ start: true }),
      fc.constant({ end: true }),
      fc.constant({ start: true, end: true }),
    ),
  },
  { requiredKeys: ['name', 'description', 'parameters'] },
);

const extensions = fc
  .record(
    {
      backstory: someText,
      datasets: nonEmpty(
        fc.record(
          {
            name: someText,
            description: someText,
            records: fc.array(fc.record({ text: someText, meta: jsonObject }, { requiredKeys: ['text'] }), {
              maxLength: 3,
            }),
          },
          { requiredKeys: ['records'] },
        ),
      ),
      skillsets: nonEmpty(
        fc.record(
          {
            name: someText,
            description: someText,
            abilities: fc.array(
              fc.record(
                {
                  name: someText,
                  description: anyText,
                  instruction: anyText,
                  secretId: word,
                  meta: jsonObject,
                },
                { requiredKeys: ['name', 'description', 'instruction'] },
              ),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: ['abilities'] },
        ),
      ),
      features: nonEmpty(fc.record({ name: someText, options: jsonObject }, { requiredKeys: ['name'] })),
    },
    optionalKey,
  )
  .filter((value) => Object.keys(value).length > 0);

const contact = fc.oneof(
  word,
  fc.record(
    {
      fingerprint: someText,
      name: someText,
      description: someText,
      email: someText,
      phone: someText,
      nick: someText,
      meta: jsonObject,
    },
    { requiredKeys: ['fingerprint'] },
  ),
);

// The form shows temperature and maxTokens in their own fields and keeps the rest in the model field,
// so a generated model string lists its other settings first.
const model = fc
  .record({
    engine: fc.option(fc.constantFrom(...ENGINE_NAMES), { nil: undefined }),
    name: fc.option(fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}(\/[a-z][a-z0-9.-]{0,6})?$/), { nil: '' }),
    other: fc.dictionary(fc.constantFrom('topP', 'seed'), fc.stringMatching(/^[0-9.]{1,4}$/), { maxKeys: 2 }),
    temperature: fc.option(fc.stringMatching(/^[0-9.]{1,4}$/), { nil: '' }),
    maxTokens: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: '' }),
  })
  .map(({ engine, name, other, temperature, maxTokens }) =>
    formatModelString({ engine, name, settings: { ...other, temperature, maxTokens } }),
  )
  .filter((value): value is string => value !== undefined);

const limits = fc
  .record(
    {
      iterations: fc.integer({ min: 1, max: 100 }),
      continuations: fc.integer({ min: 1, max: 100 }),
      calls: fc.integer({ min: 1, max: 100 }),
    },
    optionalKey,
  )
  .filter((value) => Object.keys(value).length > 0);

const common = {
  messages: nonEmpty(message, 4),
  attachments: nonEmpty(fc.webUrl({ validSchemes: ['https'] })),
  contactId: contact,
  functions: fc.uniqueArray(fn, { selector: (value) => value.name, minLength: 1, maxLength: 3 }),
  extensions,
  limits,
  channelId: word,
};

const modelRequest = fc.record(
  {
    ...common,
    model,
    backstory: someText,
    datasetId: word,
    skillsetId: word,
    privacy: fc.constant(true),
    moderation: fc.constant(true),
  },
  { requiredKeys: ['messages'] },
);
const botRequest = fc.record({ ...common, botId: word }, { requiredKeys: ['messages', 'botId'] });

const request = fc
  .oneof(modelRequest, botRequest)
  .filter((value) => dispatchRequestSchema.safeParse(value).success) as fc.Arbitrary<DispatchRequest>;

describe('the builder form', () => {
  it('round-trips every request it can hold: formToRequest(requestToForm(r)) equals r', () => {
    fc.assert(
      fc.property(request, (generated) => {
        const form = requestToForm(generated, 'Europe/Paris');
        expect(builderFormSchema.safeParse(form).success).toBe(true);
        const { request: back, problems } = formToRequest(form);
        expect(problems).toEqual([]);
        expect(back).toEqual(generated);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the form the same when it goes through a request and back', () => {
    fc.assert(
      fc.property(request, (generated) => {
        const form = requestToForm(generated, 'Asia/Tokyo');
        expect(requestToForm(formToRequest(form).request, 'Asia/Tokyo')).toEqual(form);
      }),
      { numRuns: 100 },
    );
  });
});
