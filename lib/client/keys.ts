// Every TanStack Query key in one place, so invalidation always matches.
import type { RunListFilter } from './api';

export const queryKeys = {
  engines: ['engines'] as const,
  library: ['library'] as const,
  runs: {
    all: ['runs'] as const,
    list: (filter: RunListFilter) => ['runs', 'list', filter] as const,
    overview: (window: string) => ['runs', 'overview', window] as const,
    deliveries: (channelId: string) => ['runs', 'deliveries', channelId] as const,
    detail: (channelId: string) => ['runs', 'detail', channelId] as const,
    /** Under detail: invalidating a run's detail refreshes its polled status too. */
    status: (channelId: string) => ['runs', 'detail', channelId, 'status'] as const,
    shares: (channelId: string) => ['runs', 'shares', channelId] as const,
  },
  experiments: {
    all: ['experiments'] as const,
    list: ['experiments', 'list'] as const,
    detail: (id: string) => ['experiments', 'detail', id] as const,
    inputs: (id: string) => ['experiments', 'inputs', id] as const,
  },
  shared: (token: string) => ['shared', token] as const,
};
