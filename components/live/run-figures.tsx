import type { ChannelView } from '@/lib/client/channel-view';
import { formatDuration } from '@/lib/client/format';
import { runDurationMs } from '@/lib/client/run-duration';
import type { RunSummary } from '@/lib/runs/summary';

/**
 * Time queued, time to first token, tokens per second, duration and tokens received. While the run
 * goes on, the moving ones come from the stored event times (never a bare "—" while tokens arrive);
 * once it ended, from the server's record.
 */
export function RunFigures({ run, view, now }: { run?: RunSummary; view: ChannelView; now: number }) {
  const { times } = view;
  const generatingMs = times.firstToken !== undefined ? (times.end ?? now) - times.firstToken : undefined;
  const liveRate =
    generatingMs !== undefined && generatingMs > 200 && view.tokenCount > 1
      ? Math.round((view.tokenCount / generatingMs) * 1000 * 10) / 10
      : undefined;
  const rate = run?.tokensPerSecond ?? liveRate;
  // Still queued, the time in the queue is what ticks; once ended, "yet" no longer applies.
  const stillQueued = run !== undefined && run.queuedMs === undefined && times.begin === undefined && !view.ended;
  const queuedMs = run?.queuedMs ?? (stillQueued ? Math.max(0, now - run.createdAt) : undefined);
  const none = (pending: string) => (view.ended ? 'none' : pending);
  // Time spent waiting for a person's answer is not the model's: it is left out, and said.
  const answerWaitMs = times.answerWaitBeforeFirstTokenMs ?? 0;
  const untilFirstTokenMs =
    run?.timeToFirstTokenMs ??
    (times.firstToken !== undefined && times.begin !== undefined ? times.firstToken - times.begin : undefined);
  const figures: { label: string; value: string; pending: string; note?: string }[] = [
    { label: 'Queued for', value: formatDuration(queuedMs), pending: view.ended ? 'never started' : 'not started yet' },
    {
      label: 'First token after',
      value: formatDuration(untilFirstTokenMs !== undefined ? Math.max(0, untilFirstTokenMs - answerWaitMs) : undefined),
      note:
        untilFirstTokenMs !== undefined && answerWaitMs > 0
          ? `not counting ${formatDuration(answerWaitMs)} waiting for an answer`
          : undefined,
      pending: none('no token yet'),
    },
    {
      label: 'Tokens per second',
      value: rate !== undefined ? rate.toLocaleString('en') : '—',
      pending: none(view.tokenCount > 0 ? 'measuring…' : 'no tokens yet'),
    },
    { label: 'Duration', value: formatDuration(runDurationMs(run, view, now)), pending: 'not started yet' },
    { label: 'Tokens received', value: view.tokenCount.toLocaleString('en'), pending: '' },
  ];
  // On a phone the five are one strip of small figures, so the conversation starts on the first screen;
  // from sm up, each is a tile.
  return (
    <dl
      data-testid="run-figures"
      className="grid grid-cols-5 gap-1.5 rounded-md bg-zinc-50 px-2 py-1.5 sm:gap-3 sm:bg-transparent sm:p-0 dark:bg-zinc-900 sm:dark:bg-transparent"
    >
      {figures.map((figure) => (
        <div key={figure.label} className="min-w-0 sm:rounded-md sm:bg-zinc-50 sm:px-3 sm:py-2 sm:dark:bg-zinc-900">
          <dt className="text-[11px] leading-tight text-zinc-700 sm:text-xs dark:text-zinc-300">{figure.label}</dt>
          <dd className="text-xs font-semibold tabular-nums sm:text-sm">
            {figure.value === '—' && figure.pending ? (
              <span className="font-normal">{run ? figure.pending : '…'}</span>
            ) : (
              figure.value
            )}
            {figure.note ? (
              <span className="block text-[11px] font-normal text-zinc-700 sm:text-xs dark:text-zinc-300">{figure.note}</span>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
