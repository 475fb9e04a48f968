import { describe, expect, it } from 'vitest';
import type { DashboardNotice } from '../runs/notices';
import { noticesOf, noticeToasts } from './notice-toasts';

const notice = (id: number, status: DashboardNotice['status']): DashboardNotice => ({
  id: String(id),
  channelId: `run-${id}`,
  status,
  title: `run ${id}`,
  at: id,
});

describe('the toasts the run notices make', () => {
  it('gives each run its own toast while three fit', () => {
    const notices = [notice(1, 'waiting'), notice(2, 'failed'), notice(3, 'waiting')];
    expect(noticeToasts(notices).map((toast) => toast.kind)).toEqual(['run', 'run', 'run']);
  });

  it('beyond three, counts every run of a kind in one toast, none dropped', () => {
    const waiting = Array.from({ length: 8 }, (_, index) => notice(index, 'waiting'));
    const toasts = noticeToasts(waiting);
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ kind: 'summary', status: 'waiting' });
    expect(noticesOf(toasts[0])).toHaveLength(8);
  });

  it('keeps a lone run of the other kind as its own toast, the kind with the newest news last', () => {
    const notices = [notice(1, 'waiting'), notice(2, 'waiting'), notice(3, 'failed'), notice(4, 'waiting')];
    const toasts = noticeToasts(notices);
    expect(toasts.map((toast) => [toast.kind, noticesOf(toast).length])).toEqual([
      ['run', 1],
      ['summary', 3],
    ]);
  });
});
