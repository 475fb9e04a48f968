// Zod's own wording ("Invalid input: expected string, received number") is for developers. Where a
// person reads a problem (an imported file, JSON written in the builder), a wrong kind of value says
// what the field should hold instead. Messages the schema words itself ("Pick one of: …") are kept.
import type { z } from 'zod';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object ({ … })',
};

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return String(value);
  return KINDS[typeof value] ?? typeof value;
}

/** A zod error map for `safeParse(value, { error: plainIssues })`. */
export const plainIssues: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_union' && issue.input !== undefined) {
    // Each branch's first issue says what that branch wanted; when each wanted another kind, list them.
    const kinds = issue.errors.map((branch) =>
      branch[0]?.code === 'invalid_type' ? KINDS[branch[0].expected] : undefined,
    );
    return kinds.every(Boolean) ? `Must be ${kinds.join(' or ')}, not ${kindOf(issue.input)}` : undefined;
  }
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`);
    return names.length === 1
      ? `There is no field called ${names[0]} here; check its spelling`
      : `There are no fields called ${names.slice(0, -1).join(', ')} or ${names.at(-1)} here; check their spelling`;
  }
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'This is required';
  const expected = KINDS[issue.expected] ?? issue.expected;
  return `Must be ${expected}, not ${kindOf(issue.input)}`;
};
