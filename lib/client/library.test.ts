// "Save to library" checks a piece as Dispatch would and names its problems by the fields the person
// sees, at the item's own place in the form.
import { describe, expect, it } from 'vitest';
import { ApiClientError } from './api';
import { emptyBuilderForm, emptyFunction, type FormDataset } from './builder-form';
import { notSavedText, pieceOf, refusedPieceProblems } from './library';

describe('saving a piece to the library', () => {
  it('refuses a function without a name, naming the Name field of that function', () => {
    const saved = pieceOf('function', emptyFunction(), 2, 'Function 3');
    expect(saved).toEqual({ problems: [{ path: 'functions.2.name', message: 'Give it a name' }] });
    expect('problems' in saved && notSavedText(saved.problems)).toBe('Not saved — Function 3 › Name: Give it a name');
  });

  it('names each problem of a dataset record and counts them in one sentence', () => {
    const dataset: FormDataset = {
      name: 'FAQ',
      description: '',
      records: [
        { text: 'x'.repeat(10_001), meta: '' },
        { text: 'Opening hours are 9 to 5.', meta: '{ not json' },
      ],
    };
    const saved = pieceOf('dataset', dataset, 1, 'FAQ');
    expect('problems' in saved && saved.problems.map((problem) => problem.path)).toEqual([
      'extensions.datasets.1.records.0.text',
      'extensions.datasets.1.records.1.meta',
    ]);
    expect('problems' in saved && notSavedText(saved.problems)).toBe('Not saved — fix the 2 marked fields first');
  });

  it('gives the request-shaped piece for a function that Dispatch would accept', () => {
    const saved = pieceOf('function', { ...emptyFunction(), name: 'lookup', description: 'Finds an order' }, 0, 'lookup');
    expect(saved).toMatchObject({ item: { kind: 'function', name: 'lookup', piece: { name: 'lookup', description: 'Finds an order' } } });
  });

  it("ties the server's refusal to the item's fields, never showing its paths", () => {
    const form = { ...emptyBuilderForm(), functions: [emptyFunction(), emptyFunction()] };
    const refusal = new ApiClientError('Invalid request', 400, 'VALIDATION_ERROR', [{ path: 'piece.name', message: 'Give it a name' }]);
    const problems = refusedPieceProblems(refusal, 'function', 1, form);
    expect(problems).toEqual([{ path: 'functions.1.name', message: 'Give it a name' }]);
    expect(notSavedText(problems)).toBe('Not saved — Function 2 › Name: Give it a name');
  });
});
