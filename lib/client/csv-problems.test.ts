import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { plainCsvProblems } from './csv-problems';
import { parseCsvInputs } from './input-upload';

const parseErrors = (text: string) => Papa.parse(text, { header: true, skipEmptyLines: 'greedy' }).errors;

describe('a CSV file’s problems in its reader’s words', () => {
  it('says a kind of problem once, with its lines and how to fix it, instead of a parser note per row', () => {
    const rows = Array.from({ length: 8 }, (_, index) => `A-${index},packing,waiting for stock, 2 days`);
    const problems = parseCsvInputs(`order_id,status,note\n${rows.join('\n')}\n`).problems;
    expect(problems).toEqual([
      '8 rows have more values than the header row has columns (lines 2, 3, 4, 5, 6 and 3 more). ' +
        'A value with a comma in it must be in double quotes, for example "waiting for stock, 2 days".',
    ]);
    expect(problems.join(' ')).not.toMatch(/fields|parsed/);
  });

  it('names a single row and a short list in full, and each kind apart', () => {
    expect(plainCsvProblems(parseErrors('a,b,c\n1,2\n3,4,5\n6,7,8,9\n'), (row) => row + 2)).toEqual([
      'A row has fewer values than the header row has columns (line 2). Give every row a value for each column; an empty one is two commas in a row.',
      'A row has more values than the header row has columns (line 4). A value with a comma in it must be in double quotes, for example "waiting for stock, 2 days".',
    ]);
  });

  it('says how to fix a quote left open', () => {
    expect(plainCsvProblems(parseErrors('a,b\n"never closed,1\n'), (row) => row + 2)).toContainEqual(
      expect.stringMatching(/^A value opens a double quote that is never closed \(line \d+\)\. Close each quoted value/),
    );
  });
});
