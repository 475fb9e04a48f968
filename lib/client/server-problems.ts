// A refusal from the server, tied back to the form field it is about: each issue's request path (or
// the X-Timezone header) becomes a form field, and a taken channel id points at the Channel id field.
import { ApiClientError } from './api';
import type { BuilderForm, FormProblem } from './builder-form';
import { formPathOfServerIssue } from './builder-validation';

export interface ServerProblem extends FormProblem {
  /** The field's value when the server refused it: the problem stands until the value changes. */
  refusedValue: string;
}

/** The value at a dotted form path, as JSON text for comparison. */
export function valueTextAt(form: BuilderForm, path: string): string {
  let node: unknown = form;
  for (const part of path.split('.'))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return JSON.stringify(node) ?? '';
}

/** The field problems in a refusal; empty when the refusal is not about a field (then it is shown as a whole). */
export function serverProblemsOf(error: unknown, form: BuilderForm): ServerProblem[] {
  if (!(error instanceof ApiClientError)) return [];
  const problems: FormProblem[] = error.issues.map((issue) => ({
    path: formPathOfServerIssue(issue.path, form),
    message: issue.message,
  }));
  if (error.code === 'CONFLICT' && form.channelId.trim() !== '') {
    problems.push({
      path: 'channelId',
      message: 'This channel id is already in use; pick another, or leave it empty for a new one',
    });
  }
  return problems.map((problem) => ({ ...problem, refusedValue: valueTextAt(form, problem.path) }));
}

/** The refusals that still stand: their field has not changed since. */
export const standingProblems = (problems: ServerProblem[], form: BuilderForm) =>
  problems.filter((problem) => valueTextAt(form, problem.path) === problem.refusedValue);
