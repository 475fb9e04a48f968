'use client';
// The owner's actions on an experiment, a batch or a comparison: Cancel all while it runs, Retry failed once
// it ended with failed or cancelled answers, and the exports of its answers (CSV and JSONL).
import { ActionOutcome, useActionOutcome } from '@/components/ui/action-outcome';
import { Button, buttonClasses } from '@/components/ui/button';
import { exportUrl, type ExperimentPageView } from '@/lib/client/experiments-api';
import { CancelAllButton, type runsToCancel, useCancelExperiment } from './cancel-all-button';
import { useRetryFailed } from './retry-failed';

export function ExperimentActions({
  experiment,
  retryable,
  toCancel,
}: {
  experiment: ExperimentPageView;
  retryable: number;
  toCancel: () => ReturnType<typeof runsToCancel>;
}) {
  const cancel = useCancelExperiment(experiment.id);
  // Cancel all and Retry failed each go away once pressed (the batch ends, or runs again): what they did is
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
            Retry failed ({retryable.toLocaleString()})
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
