import { describe, expect, it } from 'vitest';
import { cellChannelId } from '../experiments/cell-request';
import { experimentPagePath, pageShowsRun, runPagePath } from './page-paths';

describe('which page already shows a run', () => {
  it('is the run’s own page and its experiment’s page, not any other', () => {
    const cell = cellChannelId('exp_42', 3, 1, 0);
    expect(pageShowsRun(runPagePath('abc'), 'abc')).toBe(true);
    expect(pageShowsRun(experimentPagePath('exp_42'), cell)).toBe(true);
    expect(pageShowsRun(experimentPagePath('exp_7'), cell)).toBe(false);
    expect(pageShowsRun(experimentPagePath('exp_42'), 'abc')).toBe(false);
    expect(pageShowsRun('/runs', cell)).toBe(false);
    expect(pageShowsRun('/experiments/new', cell)).toBe(false);
  });
});
