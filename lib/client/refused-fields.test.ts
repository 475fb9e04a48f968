import { describe, expect, it } from 'vitest';
import { exportedNotice, namedFields, refusedFields } from './refused-fields';

describe("Export's confirmation", () => {
  it('says only what it saved when the server would take the request', () => {
    expect(exportedNotice('UTC', [])).toBe('Exported dispatch-request.json (the request and the time zone UTC).');
  });

  it('says how many problems the server will refuse, and names their fields once each', () => {
    const problems = [
      { path: 'extensions.datasets.0.records', message: 'Add at least one record' },
      { path: 'extensions.skillsets.0.abilities', message: 'Add at least one ability' },
    ];
    expect(exportedNotice('UTC', problems)).toBe(
      `Exported dispatch-request.json (the request and the time zone UTC). It has 2 problems the server will refuse until they are fixed: ${refusedFields(problems).join(', ')}.`,
    );
    expect(exportedNotice('UTC', problems.slice(0, 1))).toMatch(/It has a problem the server will refuse until it is fixed: \S/);
  });
});

describe('the refused fields', () => {
  it('names a field with two problems once, and the first three of many with how many more', () => {
    const fields = refusedFields([
      { path: 'functions.0.name', message: 'Required' },
      { path: 'functions.0.name', message: 'Not a valid name' },
    ]);
    expect(fields).toHaveLength(1);
    expect(namedFields(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
    expect(namedFields(['A', 'B'])).toBe('A, B');
  });
});
