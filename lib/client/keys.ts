// Every TanStack Query key in one place, so invalidation always matches.
import type { RunStatus } from '../run-status';

export const queryKeys = {
  engines: ['engines'] as const,
  runs: {
    all: ['runs'] as const,
    list: (filter: { status?: RunStatus }) => ['runs', 'list', filter] as const,
    detail: (channelId: string) => ['runs', 'detail', channelId] as const,
    shares: (channelId: string) => ['runs', 'shares', channelId] as const,
  },
  shared: (token: string) => ['shared', token] as const,
};
