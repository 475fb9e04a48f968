// Checks the builder's form in one pass: the form becomes the request, the one dispatch schema checks
// it, and a few checks only a form needs are added (an empty message, a dataset without records, a
// parameter row named twice, a time zone this browser does not know, an engine the server has not set
// up). Every problem is named by the form field that shows it and comes back in page order.
import type { EngineAvailability } from '../engines';
import { MODEL_SETTING_NAMES, modelSettingProblems, parseModelString } from '../dispatch/model-string';
import { dispatchRequestSchema, identifierProblem, type DispatchRequest } from '../dispatch/schema';
import { comparePageOrder } from './builder-fields';
import { enumValuesOf, formToRequest, type BuilderForm, type FormProblem } from './builder-form';
import { plainIssues } from '../plain-issues';

type RequestPath = readonly (string | number)[];

function rowIndexOf(form: BuilderForm, functionIndex: number, name: unknown): number {
  return form.functions[functionIndex]?.parameterRows.findIndex((row) => row.name === name) ?? -1;
}

/** Maps a problem with a function's parameters to the row or JSON field that shows it. */
function parameterFieldOf(form: BuilderForm, index: number, rest: RequestPath): string {
  const base = `functions.${index}`;
  if (form.functions[index]?.parametersMode === 'json') return `${base}.parametersJson`;
  const [part, key] = rest;
  if (part === 'properties' && key !== undefined) {
    const row = rowIndexOf(form, index, key);
    if (row >= 0) return `${base}.parameterRows.${row}.name`;
  }
  if (part === 'required' && typeof key === 'number') {
    const name = form.functions[index]?.parameterRows.filter((row) => row.required)[key]?.name;
    const row = rowIndexOf(form, index, name);
    if (row >= 0) return `${base}.parameterRows.${row}.required`;
  }
  return `${base}.parameterRows`;
}

/** The form field that shows an issue found at `requestPath` of the request built from `form`. */
export function formPathOf(requestPath: RequestPath, form: BuilderForm): string {
  const [head, index, field, ...rest] = requestPath;
  if (head === undefined) return 'messages';
  if (head === 'headers') return 'timezone';
  if (head === 'contactId')
    return index === undefined
      ? form.contact.mode === 'details'
        ? 'contact.fingerprint'
        : 'contact.id'
      : `contact.${String(index)}`;
  if (head === 'functions' && typeof index === 'number' && field === 'parameters')
    return parameterFieldOf(form, index, rest);
  if (head === 'functions' && typeof index === 'number' && field === 'result') {
    return form.functions[index]?.resultMode === 'channel'
      ? `functions.${index}.resultChannel`
      : `functions.${index}.resultData`;
  }
  if (head === 'functions' && typeof index === 'number' && field === 'call')
    return `functions.${index}.call.start`;
  return [head, index, field, ...rest].filter((part) => part !== undefined).join('.');
}

/** Turns a server issue path ("functions.0.name", "headers.X-Timezone") into the form field that shows it. */
export function formPathOfServerIssue(path: string, form: BuilderForm): string {
  const parts = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return formPathOf(parts, form);
}

/** A problem shown on the whole JSON Schema field says which parameter, or which key of the schema, it is about. */
function messageFor(requestPath: RequestPath, message: string, form: BuilderForm, code: string): string {
  const [head, index, field, part, key] = requestPath;
  const inJson =
    head === 'functions' && typeof index === 'number' && form.functions[index]?.parametersMode === 'json';
  if (!inJson || field !== 'parameters') return message;
  if (part === 'properties' && typeof key === 'string') return `Parameter "${key}": ${message}`;
  // A wrong kind or value under another key ("required", "type") does not say where; the field is one box.
  const saysWhere = code !== 'invalid_type' && code !== 'invalid_union' && code !== 'invalid_value';
  return typeof part === 'string' && !saysWhere ? `"${part}": ${message}` : message;
}

export interface ValidationContext {
  /** The engines this server offers (GET /api/engines); without it the engine check is left to the server. */
  engines?: EngineAvailability[];
}

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The model's own fields travel inside the model string, where an engine ignores a value it cannot read: say so here. */
const modelFieldProblems = (settings: BuilderForm['modelSettings']): FormProblem[] =>
  modelSettingProblems(settings).map(({ setting, message }) => ({
    path: `modelSettings.${setting}`,
    message,
  }));

/** Checks that need the form itself or this browser, not only the request. */
function formOnlyProblems(
  form: BuilderForm,
  request: DispatchRequest,
  context: ValidationContext,
): FormProblem[] {
  const problems: FormProblem[] = [];
  form.messages.forEach((message, index) => {
    if (message.text.trim() === '')
      problems.push({ path: `messages.${index}.text`, message: 'Write the message text' });
  });
  if (form.messages.length === 0) problems.push({ path: 'messages', message: 'Add at least one message' });
  // The wire schema takes a dataset without records and a skillset without abilities, as ChatBotKit's
  // does; in the form each is a leftover.
  form.extensions.datasets.forEach((dataset, index) => {
    if (dataset.records.length === 0)
      problems.push({ path: `extensions.datasets.${index}.records`, message: 'Add a record, or remove this dataset' });
  });
  form.extensions.skillsets.forEach((skillset, index) => {
    if (skillset.abilities.length === 0)
      problems.push({ path: `extensions.skillsets.${index}.abilities`, message: 'Add an ability, or remove this skillset' });
  });
  form.functions.forEach((fn, functionIndex) => {
    if (fn.parametersMode !== 'rows') return;
    const seen = new Set<string>();
    fn.parameterRows.forEach((row, rowIndex) => {
      const path = `functions.${functionIndex}.parameterRows.${rowIndex}`;
      // Checked on each row: rows become one object keyed by name, where two blank (or two equally
      // unusable) names are one key, and the request's check would flag only the first row.
      const nameProblem = identifierProblem(row.name);
      if (nameProblem) problems.push({ path: `${path}.name`, message: nameProblem });
      else if (seen.has(row.name)) {
        problems.push({
          path: `${path}.name`,
          message: `Another parameter is already named "${row.name}"; names must be unique`,
        });
      }
      seen.add(row.name);
      if (row.type !== 'enum') return;
      const values = enumValuesOf(row);
      const repeated = values.find((value, index) => values.indexOf(value) !== index);
      if (values.length === 0) {
        problems.push({
          path: `${path}.enumValues`,
          message: 'List at least one value, separated by commas',
        });
      } else if (repeated !== undefined) {
        problems.push({
          path: `${path}.enumValues`,
          message: `"${repeated}" is listed twice; list each value once`,
        });
      }
    });
  });
  if (form.target === 'model') {
    problems.push(...modelFieldProblems(form.modelSettings));
    // Settings typed into the model string itself are checked as their fields are.
    for (const { setting, message } of modelSettingProblems(parseModelString(form.model.trim()).settings))
      problems.push({ path: 'model', message: `${MODEL_SETTING_NAMES[setting]}: ${message}` });
  }
  if (form.timezone.trim() !== '' && !isKnownTimezone(form.timezone.trim())) {
    problems.push({
      path: 'timezone',
      message: 'Use a time zone name such as Europe/Paris or America/New_York',
    });
  }
  const engineName = request.botId !== undefined ? 'chatbotkit' : parseModelString(request.model).engine;
  const engine = context.engines?.find((candidate) =>
    engineName ? candidate.name === engineName : candidate.isDefault,
  );
  if (engine && !engine.configured) {
    problems.push({
      path: form.target === 'bot' ? 'botId' : 'model',
      message: `The ${engine.name} engine is not set up on this server${engine.requires ? ` (it needs ${engine.requires})` : ''}; pick another model`,
    });
  }
  return problems;
}

/** A box holding a whole JSON Schema: each of its problems is about another part of it, so all are told. */
const holdsManyParts = (path: string) => path.endsWith('.parametersJson');

/**
 * One problem per field, in page order: the first found, or for a JSON Schema box every distinct one
 * (fixing "strin" should not reveal a wrong required name only on the next Dispatch).
 */
export function orderProblems(problems: FormProblem[]): FormProblem[] {
  const kept: FormProblem[] = [];
  for (const problem of problems) {
    const samePath = kept.filter((shown) => shown.path === problem.path);
    const isNew =
      samePath.length === 0 ||
      (holdsManyParts(problem.path) && samePath.every((shown) => shown.message !== problem.message));
    if (isNew) kept.push(problem);
  }
  // A stable sort: a field's problems stay in the order they were found.
  return kept.sort((a, b) => comparePageOrder(a.path, b.path));
}

/** Every problem with the form, named by form field and in page order; the parsed request when there are none. */
export function validateBuilderForm(
  form: BuilderForm,
  context: ValidationContext = {},
): { request?: DispatchRequest; problems: FormProblem[] } {
  return checkConvertedForm(form, formToRequest(form), context);
}

/** validateBuilderForm for a form already turned into a request (the builder converts once per change, for its preview too). */
export function checkConvertedForm(
  form: BuilderForm,
  converted: ReturnType<typeof formToRequest>,
  context: ValidationContext = {},
): { request?: DispatchRequest; problems: FormProblem[] } {
  const { request, problems: conversionProblems } = converted;
  const parsed = dispatchRequestSchema.safeParse(request, { error: plainIssues });
  const schemaProblems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formPathOf(issue.path as RequestPath, form),
        message: messageFor(issue.path as RequestPath, issue.message, form, issue.code),
      }));
  const problems = orderProblems([
    ...conversionProblems,
    ...formOnlyProblems(form, request, context),
    ...schemaProblems,
  ]);
  return problems.length === 0 && parsed.success ? { request: parsed.data, problems } : { problems };
}
