'use client';
// A batch: progress above the live grid, and for the owner cancel-all, retry-failed and the exports.
import { useQuery } from '@tanstack/react-query';
import type { ExperimentPageView, ExperimentSource } from '@/lib/client/experiments-api';
import type { ExperimentCells } from '@/lib/client/use-experiment-cells';
import { BatchGrid } from './batch-grid';
import { runsToCancel } from './cancel-all-button';
import { ExperimentActions } from './experiment-actions';

interface BatchViewProps {
  experiment: ExperimentPageView;
  cells: ExperimentCells;
  source: ExperimentSource;
}

export function BatchView({ experiment, cells, source }: BatchViewProps) {
  const inputs = useQuery({ queryKey: source.inputsKey, queryFn: () => source.inputTexts() });
  const total = experiment.rowCount * experiment.spec.variants.length;
  const { counts } = cells;
  // Answered, not ended: a cancelled or failed cell has no answer, so a stopped batch does not read as full.
  const answered = counts.completed;
  const percent = total === 0 ? 0 : Math.round((answered / total) * 100);
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
          {/* Until the cells come, a count would read "0 of N" for a batch that may be finished. */}
          <span id="batch-progress-label" className="font-medium">
            {cells.loaded
              ? `${answered.toLocaleString()} of ${total.toLocaleString()} answered`
              : `Loading ${total.toLocaleString()} answers…`}
          </span>
          {cells.loaded ? (
            <span className="text-zinc-600 dark:text-zinc-400" data-testid="batch-counts">
              {counts.completed.toLocaleString()} completed · {counts.failed.toLocaleString()} failed ·{' '}
              {counts.cancelled.toLocaleString()} cancelled · {counts.running.toLocaleString()} running ·{' '}
              {counts.pending.toLocaleString()} not sent yet
            </span>
          ) : null}
        </div>
        <div
          role="progressbar"
          aria-labelledby="batch-progress-label"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={cells.loaded ? answered : undefined}
          aria-valuetext={cells.loaded ? `${percent}%` : 'Loading'}
          className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {source.canAct ? (
        <ExperimentActions
          experiment={experiment}
          unanswered={counts}
          toCancel={() =>
            runsToCancel(cells, total, (cell) =>
              [inputs.data?.inputs[cell.row], experiment.spec.variants[cell.variant]?.label]
                .filter(Boolean)
                .join(' · '),
            )
          }
        />
      ) : null}
      <BatchGrid experiment={experiment} cells={cells} inputs={inputs.data?.inputs} source={source} />
    </div>
  );
}
