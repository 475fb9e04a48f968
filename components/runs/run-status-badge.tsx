import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RunStatus } from '@/lib/run-status';

const STATUS_LOOK: Record<RunStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  waiting: { label: 'Waiting for an answer', tone: 'warning' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

/** `large`: presented to a room, the status reads from the back as the title does. */
export function RunStatusBadge({ status, large = false }: { status: RunStatus; large?: boolean }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge tone={look.tone} size={large ? 'large' : 'normal'}>
      <span data-testid="run-status" data-status={status}>
        {look.label}
      </span>
    </Badge>
  );
}
