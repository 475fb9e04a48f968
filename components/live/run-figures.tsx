import type { RunSummary } from '@/lib/runs/summary';
import { formatDuration } from '@/lib/client/format';

/** Time queued, time to first token, tokens per second and duration, as the server measured them. */
export function RunFigures({ run, tokenCount }: { run?: RunSummary; tokenCount: number }) {
  const figures = [
    { label: 'Queued for', value: formatDuration(run?.queuedMs) },
    { label: 'First token after', value: formatDuration(run?.timeToFirstTokenMs) },
    { label: 'Tokens per second', value: run?.tokensPerSecond?.toLocaleString() ?? '—' },
    { label: 'Duration', value: formatDuration(run?.durationMs) },
    { label: 'Tokens received', value: tokenCount.toLocaleString() },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {figures.map((figure) => (
        <div key={figure.label} className="rounded-md bg-zinc-50 px-3 py-2 dark:bg-zinc-900">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{figure.label}</dt>
          <dd className="text-sm font-semibold tabular-nums">{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
