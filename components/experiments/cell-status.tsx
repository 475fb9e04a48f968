import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CellStatus } from '@/lib/experiments/schema';

export const CELL_STATUS_LOOK: Record<CellStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Not sent yet', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function CellStatusBadge({ status }: { status: CellStatus }) {
  const look = CELL_STATUS_LOOK[status];
  return (
    <Badge tone={look.tone}>
      <span data-testid="cell-status" data-status={status}>
        {look.label}
      </span>
    </Badge>
  );
}
