// The one definition of the dispatch request (README, "The API"). The form resolver, the route handlers,
// the TypeScript types and the published JSON Schema all come from here.
import { z } from 'zod';

/** Documented maxima: anything larger is refused with 400 and the field's path. */
export const DISPATCH_LIMITS = {
  messages: 500,
  messageText: 100_000,
  attachments: 50,
  functions: 64,
  functionName: 64,
  description: 4_000,
  parameters: 100,
  datasets: 16,
  recordsPerDataset: 5_000,
  recordText: 10_000,
  skillsets: 16,
  abilities: 64,
  instruction: 10_000,
  features: 32,
  backstory: 50_000,
  shortText: 256,
  id: 128,
  limitValue: 100,
} as const;

export const MESSAGE_TYPES = [
  'user',
  'bot',
  'reasoning',
  'context',
  'instruction',
  'backstory',
  'activity',
  'checkpoint',
] as const;

export const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally ' +
    'for function if import in instanceof new null return super switch this throw true try typeof var void ' +
    'while with yield let static implements interface package private protected public await'
  ).split(' '),
);

/**
 * Function and parameter names: what every engine accepts (OpenAI tools allow letters, digits, _ and -;
 * a JavaScript identifier allows $; the intersection, also a valid identifier, is this).
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const CHANNEL_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** `name` made usable: each run of spaces or other characters between words becomes _, a leading digit gets a _ before it. */
export function usableIdentifier(name: string): string {
  const joined = name.split(/[^A-Za-z0-9_]+/).filter(Boolean).join('_');
  return (/^[0-9]/.test(joined) ? `_${joined}` : joined).slice(0, DISPATCH_LIMITS.functionName);
}

const quoted = (character: string) => `“${character}”`;
const joinWithOr = (parts: string[]) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`);

/**
 * Explains why `name` is not a usable function or parameter name, or returns undefined when it is. It
 * names what is actually wrong (spaces, a "-", a leading digit) and suggests a name that works.
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'Give it a name';
  if (name.length > DISPATCH_LIMITS.functionName) return `Use at most ${DISPATCH_LIMITS.functionName} characters`;
  if (IDENTIFIER_PATTERN.test(name)) return undefined;
  const suggestion = usableIdentifier(name);
  const tryInstead = /[A-Za-z0-9]/.test(suggestion) ? `: try ${suggestion}` : '';
  const hasSpaces = /\s/.test(name);
  const others = [...new Set(name.replace(/[A-Za-z0-9_\s]/g, ''))];
  if (hasSpaces && others.length === 0) return `No spaces${tryInstead}`;
  if (hasSpaces || others.length > 0) {
    const found = [...(hasSpaces ? ['spaces'] : []), ...others.slice(0, 3).map(quoted)];
    return `Use only letters a–z, digits and _, not ${joinWithOr(found)}${tryInstead}`;
  }
  return `Start with a letter or _, not a digit${tryInstead}`;
}

export function functionNameProblem(name: string): string | undefined {
  const problem = identifierProblem(name);
  if (problem) return problem;
  if (RESERVED_WORDS.has(name)) return `"${name}" is a reserved word in JavaScript; pick another name`;
  return undefined;
}

const text = (max: number) => z.string().max(max, `Use at most ${max.toLocaleString('en')} characters`);
const list = <T extends z.ZodType>(item: T, max: number, noun: string) =>
  z.array(item).max(max, `Use at most ${max.toLocaleString('en')} ${noun}`);
const jsonObject = z.record(z.string(), z.unknown());
const channelId = z
  .string()
  .min(1, 'Give a channel id')
  .max(DISPATCH_LIMITS.id, `Use at most ${DISPATCH_LIMITS.id} characters`)
  .regex(CHANNEL_ID_PATTERN, 'Use letters, digits, _ or - only');

export const messageSchema = z.strictObject({
  type: z.enum(MESSAGE_TYPES, `Pick one of: ${MESSAGE_TYPES.join(', ')}`),
  text: text(DISPATCH_LIMITS.messageText),
  meta: jsonObject.optional(),
});

export const attachmentSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Must be an http or https URL' }).max(2_000),
});

export const contactSchema = z.strictObject({
  fingerprint: text(DISPATCH_LIMITS.shortText).min(1, 'Give a fingerprint (any id of this person)'),
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  email: text(DISPATCH_LIMITS.shortText).optional(),
  phone: text(DISPATCH_LIMITS.shortText).optional(),
  nick: text(DISPATCH_LIMITS.shortText).optional(),
  meta: jsonObject.optional(),
});

const JSON_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** A parameter's `type`, when given, is one JSON Schema knows (or a list of them): a model refuses any other. */
function propertyTypeProblem(type: unknown): string | undefined {
  if (type === undefined) return undefined;
  const types = Array.isArray(type) ? type : [type];
  const unknown = types.find((each) => typeof each !== 'string' || !JSON_SCHEMA_TYPES.includes(each));
  if (unknown === undefined) return undefined;
  return `${JSON.stringify(unknown)} is not a type; use one of ${JSON_SCHEMA_TYPES.join(', ')}`;
}

export const functionParametersSchema = z
  .strictObject({
    type: z.literal('object'),
    properties: z
      .record(z.string(), jsonObject)
      .refine((properties) => Object.keys(properties).length <= DISPATCH_LIMITS.parameters, {
        message: `Use at most ${DISPATCH_LIMITS.parameters} parameters`,
      }),
    required: list(z.string(), DISPATCH_LIMITS.parameters, 'required names').optional(),
  })
  .superRefine((parameters, ctx) => {
    for (const [name, property] of Object.entries(parameters.properties)) {
      const problem = identifierProblem(name) ?? propertyTypeProblem(property.type);
      if (problem) ctx.addIssue({ code: 'custom', path: ['properties', name], message: problem });
    }
    const seen = new Set<string>();
    parameters.required?.forEach((name, index) => {
      if (!Object.hasOwn(parameters.properties, name)) {
        ctx.addIssue({ code: 'custom', path: ['required', index], message: `"${name}" is listed as required but is not a parameter` });
      } else if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['required', index], message: `"${name}" is listed as required twice` });
      }
      seen.add(name);
    });
  });

export const functionResultSchema = z.union([
  z.strictObject({ channel: channelId }),
  z.strictObject({ data: z.unknown() }).refine((result) => 'data' in result, { message: 'data is required' }),
], { error: 'Result must be { "data": any } or { "channel": string }' });

export const functionSchema = z.strictObject({
  name: z.string().superRefine((name, ctx) => {
    const problem = functionNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  description: text(DISPATCH_LIMITS.description),
  parameters: functionParametersSchema,
  result: functionResultSchema.optional(),
  call: z.strictObject({ start: z.boolean().optional(), end: z.boolean().optional() }).optional(),
});

export const datasetRecordSchema = z.strictObject({
  text: text(DISPATCH_LIMITS.recordText).min(1, 'Write the record text'),
  meta: jsonObject.optional(),
});

export const datasetSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  records: list(datasetRecordSchema, DISPATCH_LIMITS.recordsPerDataset, 'records'),
});

export const abilitySchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).min(1, 'Give the ability a name'),
  description: text(DISPATCH_LIMITS.description),
  instruction: text(DISPATCH_LIMITS.instruction),
  secretId: text(DISPATCH_LIMITS.id).optional(),
  meta: jsonObject.optional(),
});

export const skillsetSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  abilities: list(abilitySchema, DISPATCH_LIMITS.abilities, 'abilities'),
});

export const featureSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).min(1, 'Give the feature a name'),
  options: jsonObject.optional(),
});

export const extensionsSchema = z.strictObject({
  backstory: text(DISPATCH_LIMITS.backstory).optional(),
  datasets: list(datasetSchema, DISPATCH_LIMITS.datasets, 'datasets').optional(),
  skillsets: list(skillsetSchema, DISPATCH_LIMITS.skillsets, 'skillsets').optional(),
  features: list(featureSchema, DISPATCH_LIMITS.features, 'features').optional(),
});

const LIMIT_RULE = `Use a whole number from 1 to ${DISPATCH_LIMITS.limitValue}`;
const limitValue = z.number(LIMIT_RULE).int(LIMIT_RULE).positive(LIMIT_RULE).max(DISPATCH_LIMITS.limitValue, LIMIT_RULE);

export const limitsSchema = z.strictObject({
  iterations: limitValue.optional(),
  continuations: limitValue.optional(),
  calls: limitValue.optional(),
});

const MODEL_CONFIG_KEYS = ['model', 'backstory', 'datasetId', 'skillsetId', 'privacy', 'moderation'] as const;

export const dispatchRequestSchema = z
  .strictObject({
    messages: list(messageSchema, DISPATCH_LIMITS.messages, 'messages'),
    attachments: list(attachmentSchema, DISPATCH_LIMITS.attachments, 'attachments').optional(),
    contactId: z.union([text(DISPATCH_LIMITS.id).min(1), contactSchema]).optional(),
    functions: list(functionSchema, DISPATCH_LIMITS.functions, 'functions').optional(),
    extensions: extensionsSchema.optional(),
    limits: limitsSchema.optional(),
    channelId: channelId.optional(),
    botId: text(DISPATCH_LIMITS.id).min(1).optional(),
    model: text(DISPATCH_LIMITS.shortText).min(1).optional(),
    backstory: text(DISPATCH_LIMITS.backstory).optional(),
    datasetId: text(DISPATCH_LIMITS.id).optional(),
    skillsetId: text(DISPATCH_LIMITS.id).optional(),
    privacy: z.boolean().optional(),
    moderation: z.boolean().optional(),
  })
  // `when: () => true`: these checks run even when other fields have problems, so a person sees every
  // problem in one pass (zod skips object refinements after any inner issue by default). The value may
  // therefore be malformed here, and is read defensively.
  .superRefine(
    (value: unknown, ctx) => {
      if (typeof value !== 'object' || value === null) return;
      const request = value as Record<string, unknown>;
      const seen = new Set<string>();
      const functions = Array.isArray(request.functions) ? (request.functions as unknown[]) : [];
      functions.forEach((fn, index) => {
        const name = (fn as { name?: unknown } | null)?.name;
        if (typeof name !== 'string' || name === '') return;
        if (seen.has(name)) {
          ctx.addIssue({ code: 'custom', path: ['functions', index, 'name'], message: `Another function is already named "${name}"; names must be unique` });
        }
        seen.add(name);
      });
      if (request.botId !== undefined) {
        for (const key of MODEL_CONFIG_KEYS) {
          if (request[key] !== undefined) {
            ctx.addIssue({ code: 'custom', path: [key], message: `Use botId or a model configuration, not both (${key} is set)` });
          }
        }
      }
    },
    { when: () => true },
  );

export type DispatchRequest = z.infer<typeof dispatchRequestSchema>;
export type DispatchMessage = z.infer<typeof messageSchema>;
export type DispatchFunction = z.infer<typeof functionSchema>;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const subscribeRequestSchema = z.strictObject({
  historyLength: z.number().int().min(0).max(1_000_000).optional(),
  after: z.number().int().min(0).optional(),
  withTimes: z.boolean().optional(),
});

export const publishRequestSchema = z.strictObject({
  message: z.unknown().refine((value) => value !== undefined, { message: 'message is required' }),
});

/** An answer given in a run's page: the channel its function waits on, and the result. */
export const answerRequestSchema = publishRequestSchema.extend({ channel: channelId });

const convertDispatchSchema = () => z.toJSONSchema(dispatchRequestSchema, { unrepresentable: 'any' });
let jsonSchema: ReturnType<typeof convertDispatchSchema> | undefined;

/** Converted once: the schema is constant, and converting it takes milliseconds. */
export function dispatchJsonSchema() {
  jsonSchema ??= convertDispatchSchema();
  return jsonSchema;
}
