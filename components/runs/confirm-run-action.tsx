'use client';
// Asks before cancelling or retrying runs from the list, naming the runs it will act on.
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { shortChannelId } from '@/lib/client/format';
import type { RunActionKind } from '@/lib/client/run-actions';
import type { RunSummary } from '@/lib/runs/summary';

const SHOWN = 5;

const WORDS: Record<
  RunActionKind,
  { title: (n: string) => string; explain: string; confirm: string; keep: string }
> = {
  cancel: {
    title: (runs) => `Cancel ${runs}?`,
    explain: 'They stop where they are; what they streamed so far is kept.',
    confirm: 'Cancel runs',
    keep: 'Keep them running',
  },
  retry: {
    title: (runs) => `Retry ${runs}?`,
    explain: 'Each one is dispatched again with the same request, as a new run.',
    confirm: 'Retry runs',
    keep: 'Don’t retry',
  },
};

export function ConfirmRunAction({
  kind,
  runs,
  busy,
  onConfirm,
  onClose,
}: {
  kind: RunActionKind | undefined;
  runs: RunSummary[];
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const words = WORDS[kind ?? 'cancel'];
  const count = `${runs.length === 1 ? 'this run' : `${runs.length} runs`}`;
  return (
    <Dialog
      open={kind !== undefined}
      title={words.title(count)}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{words.keep}</Button>
          <Button variant={kind === 'cancel' ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {busy ? 'Working…' : words.confirm}
          </Button>
        </>
      }
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{words.explain}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {runs.slice(0, SHOWN).map((run) => (
          <li key={run.channelId} className="truncate">
            {run.title || '(no user message)'}{' '}
            <span className="font-mono text-xs text-zinc-500">#{shortChannelId(run.channelId)}</span>
          </li>
        ))}
        {runs.length > SHOWN ? <li>and {runs.length - SHOWN} more</li> : null}
      </ul>
    </Dialog>
  );
}
