import { describe, expect, it } from 'vitest';
import { parseCsvInputs, parseInputFile, parseJsonlInputs } from './input-upload';

describe('reading an upload of inputs', () => {
  it('reads CSV with a header row, quoted commas and newlines', () => {
    const parsed = parseCsvInputs('order_id,note\n17,"late, sorry"\n18,"two\nlines"\n');
    expect(parsed).toEqual({
      columns: ['order_id', 'note'],
      rows: [
        { order_id: '17', note: 'late, sorry' },
        { order_id: '18', note: 'two\nlines' },
      ],
      problems: [],
    });
  });

  it('reads a CSV of one column (nothing to split on is not a problem)', () => {
    expect(parseCsvInputs('question\nWhere is my order?\nCan I return it?\n')).toEqual({
      columns: ['question'],
      rows: [{ question: 'Where is my order?' }, { question: 'Can I return it?' }],
      problems: [],
    });
  });

  it('reads JSONL, turning values into text and filling keys some lines lack', () => {
    const parsed = parseJsonlInputs('{"q":"a","n":1}\n\n{"q":"b","extra":{"x":true}}\n');
    expect(parsed.columns).toEqual(['q', 'n', 'extra']);
    expect(parsed.rows).toEqual([
      { q: 'a', n: '1', extra: '' },
      { q: 'b', n: '', extra: '{"x":true}' },
    ]);
  });

  it('names the line of a broken JSONL entry and an empty file', () => {
    expect(parseJsonlInputs('{"q":1}\nnot json\n[1]').problems).toEqual([
      'Line 2: not valid JSON.',
      'Line 3: expected an object such as {"question": "…"}.',
    ]);
    expect(parseCsvInputs('').problems).toEqual(['The file has no rows.']);
  });

  it('picks the parser by file name', () => {
    expect(parseInputFile('inputs.jsonl', '{"a":"1"}').rows).toEqual([{ a: '1' }]);
    expect(parseInputFile('inputs.csv', 'a\n1').rows).toEqual([{ a: '1' }]);
  });
});
