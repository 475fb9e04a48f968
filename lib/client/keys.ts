// Every TanStack Query key in one place, so invalidation always matches.
import type { ShareTarget } from '../share/share-store';
import type { RunListFilter } from './api';

export const queryKeys = {
  engines: ['engines'] as const,
  library: ['library'] as const,
  runs: {
    all: ['runs'] as const,
    /** Every runs list, whatever its filter. */
    lists: ['runs', 'list'] as const,
    list: (filter: RunListFilter) => ['runs', 'list', filter] as const,
    overview: (window: string) => ['runs', 'overview', window] as const,
    deliveries: (channelId: string) => ['runs', 'deliveries', channelId] as const,
    detail: (channelId: string) => ['runs', 'detail', channelId] as const,
    /** The runs waiting for an answer, for "answer the next" on a run's page. */
    waiting: ['runs', 'waiting'] as const,
    /** Under detail: invalidating a run's detail refreshes its polled status too. */
    status: (channelId: string) => ['runs', 'detail', channelId, 'status'] as const,
  },
  experiments: {
    all: ['experiments'] as const,
    list: ['experiments', 'list'] as const,
    detail: (id: string) => ['experiments', 'detail', id] as const,
    inputs: (id: string) => ['experiments', 'inputs', id] as const,
  },
  /** The webhook receivers and the owner's newest delivery attempts across runs. */
  webhooks: ['webhooks'] as const,
  /** The owner's share links of one run or experiment. */
  shares: (target: ShareTarget) => ['shares', target.kind, target.id] as const,
  /** What a share link opens, read through its token. */
  shared: {
    detail: (token: string) => ['shared', token] as const,
    inputs: (token: string) => ['shared', token, 'inputs'] as const,
    run: (token: string, channelId: string) => ['shared', token, 'run', channelId] as const,
  },
};
