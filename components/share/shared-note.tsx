import { formatDateTime } from '@/lib/client/format';

/** Under a shared page's title: what the visitor may do there, and until when the link works. */
export function SharedNote({ expiresAt, canAnswer = false }: { expiresAt: number; canAnswer?: boolean }) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="shared-note">
      Shared with you to watch{canAnswer ? ' and answer when it asks' : ', read-only'} · the link works until{' '}
      {formatDateTime(expiresAt)}
    </p>
  );
}
