// What the builder says about a request the server would refuse as the form stands: the Code dialog
// warns with it before anyone copies the code, and Export's confirmation says it after saving the file
// (unfinished work may be worth keeping, but not without knowing it is unfinished).
import { BUILDER_FILE_NAME } from './builder-file';
import { labelOf } from './builder-fields';
import type { FormProblem } from './builder-form';

const NAMED_FIELDS = 3;

/** The fields with a problem, each named once, in the problems' order. */
export function refusedFields(problems: FormProblem[]): string[] {
  return [...new Set(problems.map((problem) => labelOf(problem.path)))];
}

/** "Messages › Message 1 › Text, Datasets › Dataset 1 and 2 more": the first few fields, and how many besides. */
export function namedFields(fields: string[]): string {
  const named = fields.slice(0, NAMED_FIELDS).join(', ');
  return fields.length > NAMED_FIELDS ? `${named} and ${fields.length - NAMED_FIELDS} more` : named;
}

/** Export's confirmation: the file and time zone it saved, and whether the server would refuse its request. */
export function exportedNotice(timezone: string, problems: FormProblem[]): string {
  const saved = `Exported ${BUILDER_FILE_NAME} (the request and the time zone ${timezone}).`;
  const fields = refusedFields(problems);
  if (fields.length === 0) return saved;
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return `${saved} It has ${count} the server will refuse until ${problems.length === 1 ? 'it is' : 'they are'} fixed: ${namedFields(fields)}.`;
}
