import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ExperimentStatus } from '@/lib/experiments/schema';

const LOOK: Record<ExperimentStatus, { label: string; tone: BadgeTone }> = {
  running: { label: 'Running', tone: 'info' },
  finished: { label: 'Finished', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function ExperimentStatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <Badge tone={LOOK[status].tone}>
      <span data-testid="experiment-status" data-status={status}>
        {LOOK[status].label}
      </span>
    </Badge>
  );
}
