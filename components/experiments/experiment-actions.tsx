'use client';
// The owner's actions on an experiment, a batch or a comparison: Cancel all while it runs, Retry once it
// ended with failed or cancelled answers (named after them: "Retry failed", "Retry cancelled" or "Retry
// unanswered"), and the exports of its answers (CSV and JSONL).
import { ActionOutcome, useActionOutcome } from '@/components/ui/action-outcome';
import { Button, buttonClasses } from '@/components/ui/button';
import { exportUrl, type ExperimentPageView } from '@/lib/client/experiments-api';
import { CancelAllButton, type runsToCancel, useCancelExperiment } from './cancel-all-button';
import { useRetryFailed } from './retry-failed';

/** The retry button's words: what its runs have in common, failed or cancelled, with how many. */
export function retryLabel({ failed, cancelled }: { failed: number; cancelled: number }): string {
  const which = failed > 0 && cancelled > 0 ? 'unanswered' : failed > 0 ? 'failed' : 'cancelled';
  return `Retry ${which} (${(failed + cancelled).toLocaleString()})`;
}

export function ExperimentActions({
  experiment,
  unanswered,
  toCancel,
}: {
  experiment: ExperimentPageView;
  /** Its cells that ended without an answer, which the retry sends again. */
  unanswered: { failed: number; cancelled: number };
  toCancel: () => ReturnType<typeof runsToCancel>;
}) {
  const retryable = unanswered.failed + unanswered.cancelled;
  const cancel = useCancelExperiment(experiment.id);
  // Cancel all and Retry each go away once pressed (the batch ends, or runs again): what they did is
  // said here, and focus comes here.
  const outcome = useActionOutcome();
  const retry = useRetryFailed(experiment.id, outcome);
  const actionError = cancel.error ?? retry.error;
  return (
    <>
      <ActionOutcome {...outcome} />
      <div className="flex flex-wrap gap-2">
        {experiment.status === 'running' ? <CancelAllButton cancel={cancel} outcome={outcome} {...toCancel()} /> : null}
        {experiment.status !== 'running' && retryable > 0 ? (
          <Button onClick={() => retry.mutate()} busy={retry.isPending}>
            {retryLabel(unanswered)}
          </Button>
        ) : null}
        <a
          className={buttonClasses()}
          href={exportUrl(experiment.id, 'csv')}
          download
        >
          Export CSV
        </a>
        <a
          className={buttonClasses()}
          href={exportUrl(experiment.id, 'jsonl')}
          download
        >
          Export JSONL
        </a>
      </div>
      {actionError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {actionError.message}
        </p>
      ) : null}
    </>
  );
}
