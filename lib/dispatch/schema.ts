// The one definition of the dispatch request (DESIGN section 4). The form resolver, the route handlers,
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

export const IDENTIFIER_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
export const CHANNEL_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Explains why `name` is not a usable function name, or returns undefined when it is. */
export function functionNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Name is required';
  if (name.length > DISPATCH_LIMITS.functionName) return `At most ${DISPATCH_LIMITS.functionName} characters`;
  if (!IDENTIFIER_PATTERN.test(name)) return 'Must be a JavaScript identifier: letters, digits, _ or $, not starting with a digit';
  if (RESERVED_WORDS.has(name)) return `"${name}" is a reserved word`;
  return undefined;
}

const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const jsonObject = z.record(z.string(), z.unknown());
const channelId = z
  .string()
  .min(1, 'Channel id is required')
  .max(DISPATCH_LIMITS.id)
  .regex(CHANNEL_ID_PATTERN, 'Use letters, digits, _ or - only');

export const messageSchema = z.strictObject({
  type: z.enum(MESSAGE_TYPES),
  text: text(DISPATCH_LIMITS.messageText),
  meta: jsonObject.optional(),
});

export const attachmentSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Must be an http or https URL' }).max(2_000),
});

export const contactSchema = z.strictObject({
  fingerprint: text(DISPATCH_LIMITS.shortText).min(1, 'Fingerprint is required'),
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  email: text(DISPATCH_LIMITS.shortText).optional(),
  phone: text(DISPATCH_LIMITS.shortText).optional(),
  nick: text(DISPATCH_LIMITS.shortText).optional(),
  meta: jsonObject.optional(),
});

export const functionParametersSchema = z
  .strictObject({
    type: z.literal('object'),
    properties: z
      .record(z.string().max(DISPATCH_LIMITS.functionName), jsonObject)
      .refine((properties) => Object.keys(properties).length <= DISPATCH_LIMITS.parameters, {
        message: `At most ${DISPATCH_LIMITS.parameters} parameters`,
      }),
    required: z.array(z.string()).max(DISPATCH_LIMITS.parameters).optional(),
  })
  .superRefine((parameters, ctx) => {
    parameters.required?.forEach((name, index) => {
      if (!Object.hasOwn(parameters.properties, name)) {
        ctx.addIssue({ code: 'custom', path: ['required', index], message: `"${name}" is not in properties` });
      }
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
  text: text(DISPATCH_LIMITS.recordText).min(1, 'Record text is required'),
  meta: jsonObject.optional(),
});

export const datasetSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  records: z.array(datasetRecordSchema).max(DISPATCH_LIMITS.recordsPerDataset),
});

export const abilitySchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).min(1, 'Name is required'),
  description: text(DISPATCH_LIMITS.description),
  instruction: text(DISPATCH_LIMITS.instruction),
  secretId: text(DISPATCH_LIMITS.id).optional(),
  meta: jsonObject.optional(),
});

export const skillsetSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).optional(),
  description: text(DISPATCH_LIMITS.description).optional(),
  abilities: z.array(abilitySchema).max(DISPATCH_LIMITS.abilities),
});

export const featureSchema = z.strictObject({
  name: text(DISPATCH_LIMITS.shortText).min(1, 'Name is required'),
  options: jsonObject.optional(),
});

export const extensionsSchema = z.strictObject({
  backstory: text(DISPATCH_LIMITS.backstory).optional(),
  datasets: z.array(datasetSchema).max(DISPATCH_LIMITS.datasets).optional(),
  skillsets: z.array(skillsetSchema).max(DISPATCH_LIMITS.skillsets).optional(),
  features: z.array(featureSchema).max(DISPATCH_LIMITS.features).optional(),
});

const limitValue = z.number().int().positive().max(DISPATCH_LIMITS.limitValue);

export const limitsSchema = z.strictObject({
  iterations: limitValue.optional(),
  continuations: limitValue.optional(),
  calls: limitValue.optional(),
});

const MODEL_CONFIG_KEYS = ['model', 'backstory', 'datasetId', 'skillsetId', 'privacy', 'moderation'] as const;

export const dispatchRequestSchema = z
  .strictObject({
    messages: z.array(messageSchema).max(DISPATCH_LIMITS.messages),
    attachments: z.array(attachmentSchema).max(DISPATCH_LIMITS.attachments).optional(),
    contactId: z.union([text(DISPATCH_LIMITS.id).min(1), contactSchema]).optional(),
    functions: z.array(functionSchema).max(DISPATCH_LIMITS.functions).optional(),
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
  .superRefine((request, ctx) => {
    const seen = new Map<string, number>();
    request.functions?.forEach((fn, index) => {
      if (seen.has(fn.name)) {
        ctx.addIssue({ code: 'custom', path: ['functions', index, 'name'], message: `Duplicate function name "${fn.name}"` });
      } else seen.set(fn.name, index);
    });
    if (request.botId !== undefined) {
      for (const key of MODEL_CONFIG_KEYS) {
        if (request[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `Use botId or a model configuration, not both (${key} is set)` });
        }
      }
    }
  });

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

export function dispatchJsonSchema() {
  return z.toJSONSchema(dispatchRequestSchema, { unrepresentable: 'any' });
}
