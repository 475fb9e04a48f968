// Every TanStack Query key in one place, so invalidation always matches.
import type { RunStatus } from '../run-status';

export const queryKeys = {
  engines: ['engines'] as const,
  runs: {
    all: ['runs'] as const,
    list: (filter: { status?: RunStatus }) => ['runs', 'list', filter] as const,
    detail: (channelId: string) => ['runs', 'detail', channelId] as const,
  },
  experiments: {
    all: ['experiments'] as const,
    list: ['experiments', 'list'] as const,
    detail: (id: string) => ['experiments', 'detail', id] as const,
    inputs: (id: string) => ['experiments', 'inputs', id] as const,
  },
};
