import { describe, expect, it } from 'vitest';
import { experimentExport, exportFileName } from './export';
import type { ExperimentCell, ExperimentRecord } from './schema';

describe('the name of an experiment’s download', () => {
  it('is the experiment’s name in plain letters and digits', () => {
    expect(exportFileName({ id: 'exp_1', name: 'Which tone answers shipping best?' }, 'csv')).toBe(
      'which-tone-answers-shipping-best.csv',
    );
    expect(exportFileName({ id: 'exp_1', name: 'Café — Ürün listesi 2026' }, 'jsonl')).toBe(
      'cafe-urun-listesi-2026.jsonl',
    );
  });

  it('is the id when the name has no letter or digit to keep, and never longer than 60 before its ending', () => {
    expect(exportFileName({ id: 'exp_1', name: '“!!!” 🙂' }, 'csv')).toBe('exp_1.csv');
    const long = exportFileName({ id: 'exp_1', name: 'word '.repeat(40) }, 'csv');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^word(-word)+\.csv$/);
  });

  it('cannot break out of the header it is written in', () => {
    expect(exportFileName({ id: 'exp_1', name: 'a"; filename="x.exe' }, 'csv')).toBe('a-filename-x-exe.csv');
  });
});

describe('an exported answer', () => {
  const comparison: ExperimentRecord = {
    id: 'exp_1',
    owner: 'owner',
    name: 'Tone',
    kind: 'compare',
    status: 'finished',
    createdAt: 0,
    rowCount: 1,
    spec: {
      request: { messages: [{ type: 'user', text: 'repeat 3' }] },
      variants: [{ label: 'Plain' }, { label: 'Brief', backstory: 'Answer in one line.' }],
      columns: [],
      concurrency: 4,
      timezone: 'UTC',
    },
  };
  const cell = (variant: number, output: string): ExperimentCell => ({
    row: 0,
    variant,
    attempt: 0,
    status: 'completed',
    output,
    version: 1,
  });

  it('reads as the page shows it: without the space its first token began with', () => {
    const cells = [cell(0, ' token1 token2 token3'), cell(1, ' =1+1\n')];
    const jsonl = experimentExport(comparison, cells, () => undefined, 'jsonl')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { output: string }).output);
    expect(jsonl).toEqual(['token1 token2 token3', '=1+1']);
    // Trimmed first, then kept from a spreadsheet's formulas.
    expect(experimentExport(comparison, cells, () => undefined, 'csv')).toContain(`,"'=1+1",`);
  });
});
