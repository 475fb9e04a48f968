// Validates the builder's form with the one dispatch schema: the form becomes the request, the schema
// checks it, and each issue's request path is named as the form field that shows it.
import type { FieldErrors, Resolver } from 'react-hook-form';
import { dispatchRequestSchema, type DispatchRequest } from '../dispatch/schema';
import { formToRequest, type BuilderForm, type FormProblem } from './builder-form';

/** The form field that shows an issue found at `requestPath` of the request built from `form`. */
export function formPathOf(requestPath: (string | number)[], form: BuilderForm): string {
  const [head, index, field, ...rest] = requestPath;
  if (head === 'contactId') return index === undefined ? 'contact.id' : `contact.${String(index)}`;
  if (head === 'functions' && typeof index === 'number' && field === 'parameters') {
    return form.functions[index]?.parametersMode === 'json' ? `functions.${index}.parametersJson` : `functions.${index}.parameterRows`;
  }
  if (head === 'functions' && typeof index === 'number' && field === 'result') {
    return form.functions[index]?.resultMode === 'channel' ? `functions.${index}.resultChannel` : `functions.${index}.resultData`;
  }
  if (head === 'model' && form.target === 'model') return 'model';
  return [head, index, field, ...rest].filter((part) => part !== undefined).join('.');
}

/** Problems with the form, named by form field; the request when there are none. */
export function validateBuilderForm(form: BuilderForm): { request?: DispatchRequest; problems: FormProblem[] } {
  const { request, problems } = formToRequest(form);
  const parsed = dispatchRequestSchema.safeParse(request);
  const schemaProblems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: formPathOf(issue.path as (string | number)[], form), message: issue.message }));
  const all = [...problems, ...schemaProblems.filter((problem) => !problems.some((known) => known.path === problem.path))];
  return all.length === 0 && parsed.success ? { request: parsed.data, problems: [] } : { problems: all };
}

function setError(errors: Record<string, unknown>, path: string, message: string): void {
  const parts = path.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  const existing = node[last] as Record<string, unknown> | undefined;
  // A container (a list) can hold both its own message and errors of its items.
  node[last] = { ...existing, type: 'schema', message: (existing?.message as string | undefined) ?? message };
}

/** react-hook-form resolver: the form is valid exactly when the request it builds passes the schema. */
export const builderResolver: Resolver<BuilderForm> = async (values) => {
  const { problems } = validateBuilderForm(values);
  if (problems.length === 0) return { values, errors: {} };
  const errors: Record<string, unknown> = {};
  for (const problem of problems) setError(errors, problem.path, problem.message);
  return { values: {}, errors: errors as FieldErrors<BuilderForm> };
};
