'use client';
// Opens the page of a run just made (dispatched or retried) with its record and request already read: the
// page's first paint then shows the run's title and the conversation sent, where both read after the page
// opened showed a placeholder title over an empty page until the run's channel had answered.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { getRun, getRunStatus } from './api';
import { queryKeys } from './keys';
import { runPagePath } from './page-paths';

export function useOpenNewRun(): (channelId: string) => Promise<void> {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useCallback(
    async (channelId: string) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      // A failed read only costs the head start: the page reads the run itself.
      await Promise.all([
        queryClient.prefetchQuery({
          queryKey: queryKeys.runs.status(channelId),
          queryFn: () => getRunStatus(channelId),
        }),
        queryClient.prefetchQuery({ queryKey: queryKeys.runs.detail(channelId), queryFn: () => getRun(channelId) }),
      ]);
      router.push(runPagePath(channelId));
    },
    [queryClient, router],
  );
}
