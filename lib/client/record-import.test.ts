import { describe, expect, it } from 'vitest';
import { recordsFromCsv, recordsFromFile } from './record-import';

describe('dataset records from a CSV file', () => {
  it('keeps a quoted field that holds a newline as one record', () => {
    const csv =
      'id,text\n1,"First line\nsecond line of the same record"\n2,"Quoted, with a comma and ""quotes"""\n';
    expect(recordsFromCsv(csv).records).toEqual([
      { text: 'First line\nsecond line of the same record', meta: '' },
      { text: 'Quoted, with a comma and "quotes"', meta: '' },
    ]);
  });

  it('reads the first column when no header is called "text", and skips blank lines', () => {
    expect(
      recordsFromFile('plain.csv', 'alpha,1\n\nbeta,2\r\n').records.map((record) => record.text),
    ).toEqual(['alpha', 'beta']);
  });

  it('reads a CSV of one column without a problem', () => {
    expect(recordsFromFile('one.csv', 'text\nalpha\nbeta\n')).toEqual({
      records: [
        { text: 'alpha', meta: '' },
        { text: 'beta', meta: '' },
      ],
      problems: [],
    });
  });

  it('reports a quote that is never closed instead of guessing', () => {
    expect(recordsFromCsv('text\n"never closed\n').problems).not.toEqual([]);
  });
});
