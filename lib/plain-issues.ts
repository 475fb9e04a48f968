// Zod's own wording ("Invalid input: expected string, received number") is for developers. Wherever a
// problem is read (the builder, an imported file, an API 400's issues), a wrong value says what the field
// should hold instead. Messages the schema words itself ("Pick one of: …") are kept: zod prefers them.
// Shared by the browser and the server, so it imports nothing but zod's types.
import type { z } from 'zod';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object ({ … })',
  record: 'an object ({ … })',
};

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return String(value);
  return KINDS[typeof value] ?? typeof value;
}

/** The value at `path` inside `value`, when there is one. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

const plural = (count: number | bigint, one: string, many: string) => (Number(count) === 1 ? one : many);

/** What a size limit says, for text, lists and numbers. */
function sizeMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall>) {
  const big = issue.code === 'too_big';
  const limit = issue.code === 'too_big' ? issue.maximum : issue.minimum;
  const most = big ? 'at most' : 'at least';
  if (issue.origin === 'string')
    return !big && Number(limit) === 1
      ? 'This cannot be empty'
      : `Use ${most} ${limit} ${plural(limit, 'character', 'characters')}`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `Give ${most} ${limit} ${plural(limit, 'item', 'items')}`;
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    if (issue.inclusive === false) return `Use a number ${big ? 'below' : 'above'} ${limit}`;
    return `Use a number of ${most} ${limit}`;
  }
  return undefined;
}

/** An issue's message in plain words; undefined keeps zod's (or the schema's own). */
function plainMessage(issue: z.core.$ZodRawIssue, input: unknown): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'This is required';
      // NaN: text read as a number (a query string's `limit=lots`), whose kind says nothing.
      if (Number.isNaN(input)) return `Must be ${KINDS[issue.expected] ?? issue.expected}`;
      return `Must be ${KINDS[issue.expected] ?? issue.expected}, not ${kindOf(input)}`;
    case 'invalid_union':
      return unionMessage(issue, input);
    case 'unrecognized_keys':
      return unknownFieldsMessage(issue.keys, knownFieldsOf(issue.inst));
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${JSON.stringify(issue.values[0])}`
        : `Pick one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue);
    case 'invalid_format':
      return issue.format === 'regex' ? 'This is not in the expected form' : `Must be a valid ${issue.format}`;
    default:
      return undefined;
  }
}

/**
 * A value that fits no branch of a union. When a branch took the value's kind and failed inside it, its
 * first problem is the one to fix ("fingerprint: This is required"); otherwise the kinds it may be.
 */
function unionMessage(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>, input: unknown) {
  if (input === undefined) return 'This is required';
  const inside = issue.errors.map((branch) => branch[0]).find((first) => first && first.path.length > 0);
  if (inside) {
    const value = valueAt(input, inside.path);
    const message = plainMessage({ ...inside, input: value } as z.core.$ZodRawIssue, value);
    return `${inside.path.map(String).join('.')}: ${message ?? inside.message}`;
  }
  const kinds = issue.errors.map((branch) =>
    branch[0]?.code === 'invalid_type' ? KINDS[branch[0].expected] : undefined,
  );
  return kinds.every(Boolean) ? `Must be ${[...new Set(kinds)].join(' or ')}, not ${kindOf(input)}` : undefined;
}

/** The field names an object schema knows, when the issue came from one. */
function knownFieldsOf(schema: unknown): string[] {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Edits (insert, delete, replace, swap two neighbours) between two words, counted up to `most` + 1. */
function editsBetween(a: string, b: string, most: number): number {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}

/**
 * The known field a misspelt one most likely meant: the same word in other letter case, or one or two
 * edits away (one for short names), when exactly one field is that close.
 */
export function likelyField(key: string, known: readonly string[]): string | undefined {
  const sameWord = known.filter((field) => field.toLowerCase() === key.toLowerCase());
  if (sameWord.length === 1) return sameWord[0];
  const most = key.length <= 4 ? 1 : 2;
  let best: { field: string; edits: number; alike: number } | undefined;
  for (const field of known) {
    const edits = editsBetween(key.toLowerCase(), field.toLowerCase(), most);
    if (edits > most) continue;
    if (!best || edits < best.edits) best = { field, edits, alike: 1 };
    else if (edits === best.edits) best.alike += 1;
  }
  return best?.alike === 1 ? best.field : undefined;
}

/**
 * What an unknown field (or several in one object) is told; with the fields the object knows, a single
 * misspelt one is told the field it likely meant.
 */
export function unknownFieldsMessage(keys: readonly string[], known: readonly string[] = []): string {
  const names = keys.map((key) => `"${key}"`);
  if (names.length > 1)
    return `There are no fields called ${names.slice(0, -1).join(', ')} or ${names.at(-1)} here; check their spelling`;
  const meant = likelyField(keys[0], known);
  return meant
    ? `There is no field called ${names[0]} here; did you mean "${meant}"?`
    : `There is no field called ${names[0]} here; check its spelling`;
}

/** A zod error map for `safeParse(value, { error: plainIssues })`. */
export const plainIssues: z.core.$ZodErrorMap = (issue) => plainMessage(issue, issue.input);

/**
 * The issues with each unknown field reported at its own path (`messages.0.colour`), where zod reports
 * them all together at the object holding them.
 */
export function withUnknownFieldsApart(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          ...issue,
          keys: [key],
          path: [...issue.path, key],
          // One unknown field keeps its message, which may name the field it likely meant.
          message: issue.keys.length === 1 ? issue.message : unknownFieldsMessage([key]),
        }))
      : [issue],
  );
}
