'use client';
// "Cancel all": stops an experiment whose runs have not all ended — a batch's inputs not yet sent and
// runs in flight, or a comparison's runs (one waiting for an answer can wait a long time). It asks first,
// with the runs list's own dialog, since a cancelled run cannot be resumed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmRunAction } from '@/components/runs/confirm-run-action';
import type { ActionOutcomeState } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { cancelExperiment, type CellSummary } from '@/lib/client/experiments-api';
import { queryKeys } from '@/lib/client/keys';
import { describeReport } from '@/lib/client/run-actions';
import type { ExperimentCells } from '@/lib/client/use-experiment-cells';

export function useCancelExperiment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelExperiment(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.experiments.detail(id) }),
  });
}

/** What "Cancel all" would stop: the runs still going, by name, and how many are not started yet. */
export function runsToCancel(
  { cells, counts }: ExperimentCells,
  /** Every run the experiment makes (rows × variants); cells not listed yet are not started. */
  total: number,
  titleOf: (cell: CellSummary) => string,
): { runs: { channelId: string; title: string }[]; notStarted: number } {
  const runs: { channelId: string; title: string }[] = [];
  for (const cell of cells.values())
    if (cell.status === 'running' && cell.channelId)
      runs.push({ channelId: cell.channelId, title: titleOf(cell) });
  const ended = counts.completed + counts.failed + counts.cancelled;
  return { runs, notStarted: Math.max(0, total - ended - runs.length) };
}

export function CancelAllButton({
  cancel,
  runs,
  notStarted = 0,
  outcome,
}: {
  cancel: ReturnType<typeof useCancelExperiment>;
  /** The experiment's runs still going, named as the page names them. */
  runs: { channelId: string; title: string }[];
  /** Runs not started yet (a batch's inputs not sent). */
  notStarted?: number;
  /** Where what was cancelled is said, and focus goes: this button goes away with the runs it stopped. */
  outcome: ActionOutcomeState;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button variant="dangerOutline" onClick={() => setAsking(true)} busy={cancel.isPending}>
        Cancel all
      </Button>
      <ConfirmRunAction
        kind={asking ? 'cancel' : undefined}
        runs={runs}
        notStarted={notStarted}
        titlesNameRuns
        busy={cancel.isPending}
        onConfirm={() => {
          const count = runs.length + notStarted;
          cancel.mutate(undefined, {
            onSuccess: () => outcome.report(describeReport({ kind: 'cancel', done: count, failures: [] })),
            onSettled: () => setAsking(false),
          });
        }}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
