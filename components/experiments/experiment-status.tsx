import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ExperimentRecord, ExperimentStatus } from '@/lib/experiments/schema';

const LOOK: Record<ExperimentStatus, { label: string; tone: BadgeTone }> = {
  running: { label: 'Running', tone: 'info' },
  finished: { label: 'Finished', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** A finished experiment with cells that got no answer says how many, in amber rather than green. */
function lookOf({ status, unansweredCells = 0 }: Pick<ExperimentRecord, 'status' | 'unansweredCells'>) {
  if (status !== 'finished' || unansweredCells === 0) return LOOK[status];
  return { label: `Finished · ${unansweredCells.toLocaleString()} not answered`, tone: 'warning' as const };
}

export function ExperimentStatusBadge({
  experiment,
}: {
  experiment: Pick<ExperimentRecord, 'status' | 'unansweredCells'>;
}) {
  const { label, tone } = lookOf(experiment);
  return (
    <Badge tone={tone}>
      <span data-testid="experiment-status" data-status={experiment.status}>
        {label}
      </span>
    </Badge>
  );
}
