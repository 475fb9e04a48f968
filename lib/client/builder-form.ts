// The builder's form model and its conversion to and from the dispatch request. The form mirrors the
// request's shape (so the schema's issue paths name form fields directly) and differs only where a
// person needs something friendlier: JSON values as text, parameters as rows, numbers as text. The
// form's type comes from a zod schema so a draft read back from localStorage is checked, not trusted.
import { z } from 'zod';
import { formatModelString, parseModelString } from '../dispatch/model-string';
import type { DispatchFunction, DispatchRequest } from '../dispatch/schema';
import { DISPATCH_LIMITS, MESSAGE_TYPES, PARAMETER_TYPES } from '../dispatch/schema';
import { notValidJson } from '../json-problem';

export const PARAMETER_ROW_TYPES = [...PARAMETER_TYPES.slice(0, 4), 'enum', ...PARAMETER_TYPES.slice(4)] as const;
export type ParameterRowType = (typeof PARAMETER_ROW_TYPES)[number];

const parameterRowSchema = z.object({
  name: z.string(),
  type: z.enum(PARAMETER_ROW_TYPES),
  description: z.string(),
  required: z.boolean(),
  /** Comma-separated values, for type enum. */
  enumValues: z.string(),
});

const formFunctionSchema = z.object({
  name: z.string(),
  description: z.string(),
  parametersMode: z.enum(['rows', 'json']),
  parameterRows: z.array(parameterRowSchema),
  parametersJson: z.string(),
  resultMode: z.enum(['none', 'data', 'channel']),
  resultData: z.string(),
  resultChannel: z.string(),
  call: z.object({ start: z.boolean(), end: z.boolean() }),
});

const formDatasetSchema = z.object({
  name: z.string(),
  description: z.string(),
  records: z.array(z.object({ text: z.string(), meta: z.string() })),
});

const formSkillsetSchema = z.object({
  name: z.string(),
  description: z.string(),
  abilities: z.array(
    z.object({ name: z.string(), description: z.string(), instruction: z.string(), secretId: z.string(), meta: z.string() }),
  ),
});

export const builderFormSchema = z.object({
  messages: z.array(z.object({ type: z.enum(MESSAGE_TYPES), text: z.string(), meta: z.string() })),
  attachments: z.array(z.object({ url: z.string() })),
  contact: z.object({
    mode: z.enum(['none', 'id', 'details']),
    id: z.string(),
    fingerprint: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    nick: z.string(),
    description: z.string(),
    meta: z.string(),
  }),
  functions: z.array(formFunctionSchema),
  extensions: z.object({
    backstory: z.string(),
    datasets: z.array(formDatasetSchema),
    skillsets: z.array(formSkillsetSchema),
    features: z.array(z.object({ name: z.string(), options: z.string() })),
  }),
  target: z.enum(['model', 'bot']),
  botId: z.string(),
  /** The model string without the settings that have their own fields: engine prefix, name, other settings. */
  model: z.string(),
  modelSettings: z.object({ temperature: z.string(), maxTokens: z.string() }),
  /** The model configuration's own backstory (the request's top-level `backstory`). */
  backstory: z.string(),
  datasetId: z.string(),
  skillsetId: z.string(),
  privacy: z.boolean(),
  moderation: z.boolean(),
  limits: z.object({ iterations: z.string(), continuations: z.string(), calls: z.string() }),
  channelId: z.string(),
  timezone: z.string(),
});

export type BuilderForm = z.infer<typeof builderFormSchema>;
export type FormFunction = z.infer<typeof formFunctionSchema>;
export type ParameterRow = z.infer<typeof parameterRowSchema>;
export type FormDataset = z.infer<typeof formDatasetSchema>;
export type FormSkillset = z.infer<typeof formSkillsetSchema>;

export interface FormProblem {
  /** A form field name, e.g. "functions.0.resultData". */
  path: string;
  message: string;
}

export const emptyParameterRow = (): ParameterRow => ({ name: '', type: 'string', description: '', required: false, enumValues: '' });

export const emptyFunction = (): FormFunction => ({
  name: '',
  description: '',
  parametersMode: 'rows',
  parameterRows: [],
  parametersJson: '{\n  "type": "object",\n  "properties": {}\n}',
  resultMode: 'none',
  resultData: '{}',
  resultChannel: '',
  call: { start: false, end: false },
});

export function emptyBuilderForm(timezone = 'UTC'): BuilderForm {
  return {
    messages: [{ type: 'user', text: '', meta: '' }],
    attachments: [],
    contact: { mode: 'none', id: '', fingerprint: '', name: '', email: '', phone: '', nick: '', description: '', meta: '' },
    functions: [],
    extensions: { backstory: '', datasets: [], skillsets: [], features: [] },
    target: 'model',
    botId: '',
    model: '',
    modelSettings: { temperature: '', maxTokens: '' },
    backstory: '',
    datasetId: '',
    skillsetId: '',
    privacy: false,
    moderation: false,
    limits: { iterations: '', continuations: '', calls: '' },
    channelId: '',
    timezone,
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value);

/** Parses a JSON text field; blank means absent. Records a problem at `path` when it is not valid. */
function parseJsonField(text: string, path: string, problems: FormProblem[], expectObject: boolean): unknown {
  if (text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (expectObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      problems.push({ path, message: 'Write a JSON object, e.g. {"key": "value"}' });
      return undefined;
    }
    return value;
  } catch (error) {
    problems.push({ path, message: notValidJson(text, error) });
    return undefined;
  }
}

/** A "One of a list" row's values, as typed between its commas (blank ones left out). */
export const enumValuesOf = (row: Pick<ParameterRow, 'enumValues'>): string[] =>
  row.enumValues.split(',').map((value) => value.trim()).filter(Boolean);

/** One parameter row as JSON Schema. */
function parameterSchemaOf(row: ParameterRow): Record<string, unknown> {
  const description = row.description ? { description: row.description } : {};
  if (row.type === 'enum') {
    return { type: 'string', enum: enumValuesOf(row), ...description };
  }
  if (row.type === 'array') return { type: 'array', items: {}, ...description };
  return { type: row.type, ...description };
}

export function parametersFromRows(rows: ParameterRow[]): Record<string, unknown> {
  const properties = Object.fromEntries(rows.map((row) => [row.name, parameterSchemaOf(row)]));
  const required = rows.filter((row) => row.required).map((row) => row.name);
  return { type: 'object', properties, ...(required.length > 0 && { required }) };
}

const isParameterType = (value: unknown): value is (typeof PARAMETER_TYPES)[number] =>
  (PARAMETER_TYPES as readonly unknown[]).includes(value);

/** Rows for a JSON Schema, or undefined when the schema has something rows cannot say (stay in JSON mode). */
export function rowsFromParameters(parameters: unknown): ParameterRow[] | undefined {
  if (typeof parameters !== 'object' || parameters === null) return undefined;
  const { type, properties = {}, required = [], ...rest } = parameters as Record<string, unknown>;
  if (type !== 'object' || Object.keys(rest).length > 0 || typeof properties !== 'object' || !Array.isArray(required)) return undefined;
  const rows: ParameterRow[] = [];
  for (const [name, raw] of Object.entries(properties as Record<string, Record<string, unknown>>)) {
    const { type: propertyType, description, enum: values, items, ...extra } = raw ?? {};
    if (Object.keys(extra).length > 0 || (description !== undefined && typeof description !== 'string')) return undefined;
    const base = { name, description: (description as string | undefined) ?? '', required: required.includes(name), enumValues: '' };
    if (Array.isArray(values) && propertyType === 'string' && values.every((value) => typeof value === 'string')) {
      rows.push({ ...base, type: 'enum', enumValues: values.join(', ') });
    } else if (propertyType === 'array' && (items === undefined || (typeof items === 'object' && items && Object.keys(items).length === 0))) {
      rows.push({ ...base, type: 'array' });
    } else if (isParameterType(propertyType) && propertyType !== 'array' && values === undefined && items === undefined) {
      rows.push({ ...base, type: propertyType });
    } else return undefined;
  }
  return rows;
}

/** The request's model string: the model field, with the settings that have their own fields added. */
function modelString(form: BuilderForm): string | undefined {
  const typed = parseModelString(form.model.trim());
  // A field left empty keeps what was typed into the model string itself ("local/temperature=0.2").
  const settings = Object.fromEntries(
    Object.entries(form.modelSettings)
      .map(([key, value]) => [key, value.trim()])
      .filter(([, value]) => value !== ''),
  );
  return formatModelString({ ...typed, settings: { ...typed.settings, ...settings } });
}

function limitValue(text: string, path: string, problems: FormProblem[]): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) problems.push({ path, message: `Use a whole number from 1 to ${DISPATCH_LIMITS.limitValue}` });
  return value;
}

function contactOf(form: BuilderForm, problems: FormProblem[]): DispatchRequest['contactId'] {
  const { contact } = form;
  if (contact.mode === 'none') return undefined;
  if (contact.mode === 'id') return contact.id;
  const meta = parseJsonField(contact.meta, 'contact.meta', problems, true) as Record<string, unknown> | undefined;
  return {
    fingerprint: contact.fingerprint,
    name: optional(contact.name),
    email: optional(contact.email),
    phone: optional(contact.phone),
    nick: optional(contact.nick),
    description: optional(contact.description),
    meta,
  };
}

function functionOf(fn: FormFunction, index: number, problems: FormProblem[]): NonNullable<DispatchRequest['functions']>[number] {
  const path = `functions.${index}`;
  const parameters =
    fn.parametersMode === 'json'
      ? parseJsonField(fn.parametersJson, `${path}.parametersJson`, problems, true) ?? { type: 'object', properties: {} }
      : parametersFromRows(fn.parameterRows);
  let result: { data: unknown } | { channel: string } | undefined;
  if (fn.resultMode === 'data') result = { data: parseJsonField(fn.resultData, `${path}.resultData`, problems, false) ?? null };
  if (fn.resultMode === 'channel') result = { channel: fn.resultChannel };
  const call = fn.call.start || fn.call.end ? { ...(fn.call.start && { start: true }), ...(fn.call.end && { end: true }) } : undefined;
  return { name: fn.name, description: fn.description, parameters: parameters as DispatchFunction['parameters'], ...(result && { result }), ...(call && { call }) };
}

/** Drops undefined values and empty lists so the preview shows only what is set. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && !(Array.isArray(entry) && entry.length === 0)),
  ) as T;
}

/** The request the form describes, and the problems found on the way (JSON text that does not parse). */
export function formToRequest(form: BuilderForm): { request: DispatchRequest; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const messages = form.messages.map((message, index) =>
    compact({
      type: message.type,
      text: message.text,
      meta: parseJsonField(message.meta, `messages.${index}.meta`, problems, true) as Record<string, unknown> | undefined,
    }),
  );
  const { extensions } = form;
  const datasets = extensions.datasets.map((dataset, datasetIndex) =>
    compact({
      name: optional(dataset.name),
      description: optional(dataset.description),
      records: dataset.records.map((record, recordIndex) =>
        compact({
          text: record.text,
          meta: parseJsonField(record.meta, `extensions.datasets.${datasetIndex}.records.${recordIndex}.meta`, problems, true) as
            | Record<string, unknown>
            | undefined,
        }),
      ),
    }),
  );
  datasets.forEach((dataset) => (dataset.records ??= []));
  const skillsets = extensions.skillsets.map((skillset, skillsetIndex) => ({
    ...compact({ name: optional(skillset.name), description: optional(skillset.description) }),
    abilities: skillset.abilities.map((ability, abilityIndex) =>
      compact({
        ...ability,
        secretId: optional(ability.secretId),
        meta: parseJsonField(ability.meta, `extensions.skillsets.${skillsetIndex}.abilities.${abilityIndex}.meta`, problems, true) as
          | Record<string, unknown>
          | undefined,
      }),
    ),
  }));
  const features = extensions.features.map((feature, index) =>
    compact({
      name: feature.name,
      options: parseJsonField(feature.options, `extensions.features.${index}.options`, problems, true) as Record<string, unknown> | undefined,
    }),
  );
  const extensionsValue = compact({ backstory: optional(extensions.backstory), datasets, skillsets, features });
  const limits = compact({
    iterations: limitValue(form.limits.iterations, 'limits.iterations', problems),
    continuations: limitValue(form.limits.continuations, 'limits.continuations', problems),
    calls: limitValue(form.limits.calls, 'limits.calls', problems),
  });
  const target =
    form.target === 'bot'
      ? { botId: form.botId }
      : compact({
          model: modelString(form),
          backstory: optional(form.backstory),
          datasetId: optional(form.datasetId),
          skillsetId: optional(form.skillsetId),
          privacy: form.privacy || undefined,
          moderation: form.moderation || undefined,
        });
  const request = compact({
    messages,
    attachments: form.attachments.map((attachment) => ({ url: attachment.url })),
    contactId: contactOf(form, problems),
    functions: form.functions.map((fn, index) => functionOf(fn, index, problems)),
    extensions: Object.keys(extensionsValue).length > 0 ? extensionsValue : undefined,
    ...target,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
    channelId: optional(form.channelId),
  }) as DispatchRequest;
  return { request, problems };
}

const jsonText = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

function functionToForm(fn: NonNullable<DispatchRequest['functions']>[number]): FormFunction {
  const rows = rowsFromParameters(fn.parameters);
  const result = fn.result;
  return {
    name: fn.name,
    description: fn.description,
    parametersMode: rows ? 'rows' : 'json',
    parameterRows: rows ?? [],
    parametersJson: JSON.stringify(fn.parameters, null, 2),
    resultMode: !result ? 'none' : 'channel' in result ? 'channel' : 'data',
    resultData: result && 'data' in result ? jsonText(result.data) : '{}',
    resultChannel: result && 'channel' in result ? result.channel : '',
    call: { start: fn.call?.start ?? false, end: fn.call?.end ?? false },
  };
}

function modelToForm(model: string | undefined): Pick<BuilderForm, 'model' | 'modelSettings'> {
  const { temperature = '', maxTokens = '', ...otherSettings } = parseModelString(model).settings;
  const { engine, name } = parseModelString(model);
  return {
    model: formatModelString({ engine, name, settings: otherSettings }) ?? '',
    modelSettings: { temperature, maxTokens },
  };
}

/** The form that describes a (validated) request: used by Import, presets and "Continue". */
export function requestToForm(request: DispatchRequest, timezone: string): BuilderForm {
  const empty = emptyBuilderForm(timezone);
  const contact = request.contactId;
  const limitText = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    ...empty,
    messages: request.messages.map((message) => ({ type: message.type, text: message.text, meta: jsonText(message.meta) })),
    attachments: request.attachments ?? [],
    contact:
      contact === undefined
        ? empty.contact
        : typeof contact === 'string'
          ? { ...empty.contact, mode: 'id', id: contact }
          : {
              ...empty.contact,
              mode: 'details',
              fingerprint: contact.fingerprint,
              name: contact.name ?? '',
              email: contact.email ?? '',
              phone: contact.phone ?? '',
              nick: contact.nick ?? '',
              description: contact.description ?? '',
              meta: jsonText(contact.meta),
            },
    functions: (request.functions ?? []).map(functionToForm),
    extensions: {
      backstory: request.extensions?.backstory ?? '',
      datasets: (request.extensions?.datasets ?? []).map((dataset) => ({
        name: dataset.name ?? '',
        description: dataset.description ?? '',
        records: dataset.records.map((record) => ({ text: record.text, meta: jsonText(record.meta) })),
      })),
      skillsets: (request.extensions?.skillsets ?? []).map((skillset) => ({
        name: skillset.name ?? '',
        description: skillset.description ?? '',
        abilities: skillset.abilities.map((ability) => ({
          name: ability.name,
          description: ability.description,
          instruction: ability.instruction,
          secretId: ability.secretId ?? '',
          meta: jsonText(ability.meta),
        })),
      })),
      features: (request.extensions?.features ?? []).map((feature) => ({ name: feature.name, options: jsonText(feature.options) })),
    },
    target: request.botId !== undefined ? 'bot' : 'model',
    botId: request.botId ?? '',
    ...modelToForm(request.model),
    backstory: request.backstory ?? '',
    datasetId: request.datasetId ?? '',
    skillsetId: request.skillsetId ?? '',
    privacy: request.privacy ?? false,
    moderation: request.moderation ?? false,
    limits: {
      iterations: limitText(request.limits?.iterations),
      continuations: limitText(request.limits?.continuations),
      calls: limitText(request.limits?.calls),
    },
    channelId: request.channelId ?? '',
  };
}

/** Whether the form holds nothing a person typed or loaded (the time zone aside). */
export function isBlankForm(form: BuilderForm): boolean {
  return JSON.stringify({ ...form, timezone: '' }) === JSON.stringify(emptyBuilderForm(''));
}
