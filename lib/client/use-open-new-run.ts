'use client';
// Opens the page of a run just made (dispatched or retried) with its record already read: the page's first
// paint then shows the run's title, where a title read after the page opened first showed a placeholder.
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { getRunStatus } from './api';
import { queryKeys } from './keys';
import { runPagePath } from './page-paths';

export function useOpenNewRun(): (channelId: string) => Promise<void> {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useCallback(
    async (channelId: string) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      // A failed read only costs the head start: the page reads the run itself.
      await queryClient.prefetchQuery({
        queryKey: queryKeys.runs.status(channelId),
        queryFn: () => getRunStatus(channelId),
      });
      router.push(runPagePath(channelId));
    },
    [queryClient, router],
  );
}
