// assertSafeJson: the walk over every parsed body (nesting and __proto__ keys), its exact limit and the
// paths its refusals name. The HTTP side (400, nothing stored) is in test/security/limits.test.ts.
import { describe, expect, it } from 'vitest';
import { largestDatasetsRequest } from '@/test/support/large-datasets';
import { ApiError } from '../errors';
import { assertSafeJson, MAX_JSON_DEPTH } from './body';

/** `count` objects nested in one another under key `a`, the innermost holding `leaf`. */
function nestedObjects(count: number, leaf: unknown = 'x'): unknown {
  let value: unknown = { leaf };
  for (let level = 1; level < count; level += 1) value = { a: value };
  return value;
}

function refusal(value: unknown): { path: string; message: string } | undefined {
  try {
    assertSafeJson(value);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const issue = error.extra.issues?.[0];
    return issue && { path: issue.path, message: issue.message };
  }
}

describe('assertSafeJson', () => {
  it(`lets ${MAX_JSON_DEPTH} nested objects through and refuses ${MAX_JSON_DEPTH + 1}, naming the deepest one's path`, () => {
    expect(refusal(nestedObjects(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusal(nestedObjects(MAX_JSON_DEPTH + 1))).toEqual({
      path: Array(MAX_JSON_DEPTH).fill('a').join('.'),
      message: `Nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });

  it('counts arrays as levels and names their indexes in the path', () => {
    let value: unknown = 'x';
    for (let level = 0; level <= MAX_JSON_DEPTH; level += 1) value = level % 2 ? { b: value } : [1, value];
    expect(refusal(value)?.path).toMatch(/^1\.b\.1\.b\.1/);
    expect(refusal({ list: [0, 1, nestedObjects(MAX_JSON_DEPTH)] })?.path).toBe(
      ['list', 2, ...Array(MAX_JSON_DEPTH - 2).fill('a')].join('.'),
    );
  });

  it('refuses a __proto__ key wherever it is, with its path', () => {
    expect(refusal(JSON.parse('{"__proto__":{"polluted":true}}'))?.path).toBe('__proto__');
    expect(refusal(JSON.parse('{"m":[{"t":1},{"meta":{"__proto__":1}}]}'))).toEqual({
      path: 'm.1.meta.__proto__',
      message: 'The key __proto__ is not allowed',
    });
  });

  it('passes primitives, empty values and the largest dataset request a dispatch may carry', () => {
    for (const value of [null, 0, 'text', true, [], {}, [[]], { a: [] }])
      expect(refusal(value)).toBeUndefined();
    expect(refusal(JSON.parse(JSON.stringify(largestDatasetsRequest())))).toBeUndefined();
  });
});
