import { describe, expect, it } from 'vitest';
import { exportFileName } from './export';

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
