import { formatDateTime } from '@/lib/client/format';

interface SharedNoteProps {
  expiresAt: number;
  canAnswer?: boolean;
  /** The run has ended: nothing is left to answer, so answering is no longer offered. */
  ended?: boolean;
}

/** Under a shared page's title: what the visitor may do there, and until when the link works. */
export function SharedNote({ expiresAt, canAnswer = false, ended = false }: SharedNoteProps) {
  const may = !canAnswer ? ', read-only' : ended ? '' : ' and answer when it asks';
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="shared-note">
      Shared with you to watch{may} · the link works until{' '}
      {formatDateTime(expiresAt)}
    </p>
  );
}
