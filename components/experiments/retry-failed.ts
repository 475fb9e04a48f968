'use client';
// "Retry failed": sends an experiment's failed and cancelled cells again (a batch's, or a comparison's
// columns), says how many in the page's outcome line, and refreshes the experiment.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ActionOutcomeState } from '@/components/ui/action-outcome';
import { retryFailedCells } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { describeReport } from '@/lib/client/run-actions';

export function useRetryFailed(experimentId: string, outcome: ActionOutcomeState) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => retryFailedCells(experimentId),
    onSuccess: ({ retried }) => {
      outcome.report(describeReport({ kind: 'retry', done: retried, failures: [] }));
      return queryClient.invalidateQueries({ queryKey: queryKeys.experiments.detail(experimentId) });
    },
  });
}
