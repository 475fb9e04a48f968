import { describe, expect, it } from 'vitest';
import type { DashboardNotice } from '../runs/notices';
import { addNotices } from './use-run-notices';

const notice = (id: string, channelId: string, status: DashboardNotice['status']): DashboardNotice => ({
  id,
  channelId,
  status,
  title: `run ${channelId}`,
  at: Number(id),
});

describe('the run notices shown as toasts', () => {
  it('shows a run once, by its newest notice: a run that waited and then failed only says it failed', () => {
    const shown = addNotices([notice('1', 'a', 'waiting')], [notice('2', 'b', 'waiting')]);
    expect(addNotices(shown, [notice('3', 'a', 'failed')])).toEqual([
      notice('2', 'b', 'waiting'),
      notice('3', 'a', 'failed'),
    ]);
  });

  it('keeps every run, however many: none is dropped before it was shown', () => {
    const added = ['a', 'b', 'c', 'd', 'e'].map((channel, index) => notice(String(index), channel, 'failed'));
    expect(addNotices([], added).map((shown) => shown.channelId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
