// The file Export writes and Import reads: the request plus what the builder holds beside it (the
// time zone, sent as a header). Import also takes a plain dispatch request, as the API accepts it.
import { z } from 'zod';
import { dispatchRequestSchema, type DispatchRequest } from '../dispatch/schema';
import { labelOf } from './builder-fields';
import { builderFormSchema, formToRequest, requestToForm } from './builder-form';
import { notValidJson } from '../json-problem';
import { plainIssues } from '../plain-issues';

export const BUILDER_FILE_FORMAT = 'dispatch-studio.builder/1';
export const BUILDER_FILE_NAME = 'dispatch-request.json';

const builderFileSchema = z.strictObject({
  format: z.literal(BUILDER_FILE_FORMAT),
  timezone: z.string().max(64).optional(),
  request: z.unknown(),
});

export interface BuilderFile {
  request: DispatchRequest;
  timezone?: string;
  /**
   * The request has problems the form can hold and show beside their fields (a blank name, a name with
   * spaces): a draft exported half-finished comes back into the form, not into a box of JSON to fix.
   */
  unfinished?: true;
}

export interface ImportProblem {
  /** Where the problem is, in the builder's words ("Function 1 › Name"); empty for the file as a whole. */
  label: string;
  message: string;
}

export function builderFileText(request: DispatchRequest, timezone: string): string {
  return JSON.stringify({ format: BUILDER_FILE_FORMAT, timezone, request }, null, 2);
}

/** A request path named as the builder names its field: the request's `contactId` is the Contact section. */
function requestLabelOf(path: string): string {
  if (path === 'contactId') return 'Contact';
  return labelOf(path.replace(/^contactId\./, 'contact.'));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const eachWith = (list: unknown, blanks: Record<string, unknown>) =>
  Array.isArray(list) ? list.map((item: unknown) => (isObject(item) ? { ...blanks, ...item } : item)) : list;

/**
 * What the form lets a person leave empty may be left out of an imported request too: a function's
 * description (sent as "") and parameters (none), an ability's description and instruction. The wire
 * schema asks for them, as ChatBotKit's does; Import should not be stricter than the form.
 */
function withFormBlanks(request: unknown): unknown {
  if (!isObject(request)) return request;
  const { functions, extensions } = request;
  const skillsets = isObject(extensions) ? extensions.skillsets : undefined;
  return {
    ...request,
    ...(functions !== undefined && {
      functions: eachWith(functions, { description: '', parameters: { type: 'object', properties: {} } }),
    }),
    ...(Array.isArray(skillsets) && {
      extensions: {
        ...(extensions as Record<string, unknown>),
        skillsets: skillsets.map((skillset: unknown) =>
          isObject(skillset) ? { ...skillset, abilities: eachWith(skillset.abilities, { description: '', instruction: '' }) } : skillset,
        ),
      },
    }),
  };
}

/** The request (and time zone) in an exported file or a plain request, or what is wrong with it. */
export function readBuilderFile(text: string): BuilderFile | { problems: ImportProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [{ label: '', message: notValidJson(text, error) }] };
  }
  const file = builderFileSchema.safeParse(value);
  const request = withFormBlanks(file.success ? file.data.request : value);
  const parsed = dispatchRequestSchema.safeParse(request, { error: plainIssues });
  const timezone = file.success && file.data.timezone ? { timezone: file.data.timezone } : {};
  if (!parsed.success) {
    if (formHoldsAsIs(request)) return { request: request as DispatchRequest, ...timezone, unfinished: true };
    return {
      problems: parsed.error.issues.map((issue) => ({
        label: issue.path.length > 0 ? requestLabelOf(issue.path.join('.')) : '',
        message: issue.message,
      })),
    };
  }
  return { request: parsed.data, ...timezone };
}

/** JSON with every object's keys in order: two values are the same when these are. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    isObject(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );

/**
 * Whether the form can hold this request as it is: read into the form and written back, it is the same
 * request (so nothing in it is lost or changed), though the dispatch schema refuses some of its values.
 */
function formHoldsAsIs(request: unknown): boolean {
  if (!isObject(request)) return false;
  try {
    const form = requestToForm(request as DispatchRequest, 'UTC');
    // Every field of the form has a value of its kind (a record without text would leave its box undefined).
    if (!builderFormSchema.safeParse(form).success) return false;
    return canonicalJson(formToRequest(form).request) === canonicalJson(request);
  } catch {
    return false;
  }
}
