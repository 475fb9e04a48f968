import type { ChannelView } from '@/lib/client/channel-view';
import { formatDuration } from '@/lib/client/format';
import { runDurationMs } from '@/lib/client/run-duration';
import type { SharedRunSummary } from '@/lib/share/share-schema';
import { cn } from '@/components/ui/cn';
import { TEXT_PIECE_MEANING } from '@/components/ui/plain-terms';

interface Figure {
  label: string;
  value: string;
  /** Said under the value, on a line of its own (a phone gives the figure the whole row for it). */
  note?: string;
}

/**
 * Time queued, time to first token, tokens per second, duration and tokens received: only those that have
 * a value, so a run that waits or has just begun shows what is known rather than tiles of "not yet". While
 * the run goes on, the moving ones come from the stored event times; once it ended, from the server's record.
 * The page is shown to people who are not developers: a token is called a "text piece", said once what it is.
 */
export function RunFigures({
  run,
  view,
  now,
  explainTextPieces = true,
}: {
  run?: SharedRunSummary;
  view: ChannelView;
  now: number;
  /** False where the page says it once for several runs' figures (a comparison's columns). */
  explainTextPieces?: boolean;
}) {
  const figures = runFigures(run, view, now, explainTextPieces);
  if (figures.length === 0) return null;
  // One wrapping row: on a phone, small "label value" pairs, each kept on one line, so the conversation
  // starts on the first screen; from sm up, each is a tile. A figure is never narrower than its words.
  return (
    <dl
      data-testid="run-figures"
      className="flex flex-wrap gap-x-4 gap-y-1 rounded-md bg-zinc-50 px-3 py-1.5 text-xs sm:gap-3 sm:bg-transparent sm:p-0 sm:text-sm dark:bg-zinc-900 sm:dark:bg-transparent"
    >
      {figures.map((figure) => (
        <div
          key={figure.label}
          className={cn(
            'sm:rounded-md sm:bg-zinc-50 sm:px-3 sm:py-2 sm:dark:bg-zinc-900',
            figure.note && 'basis-full sm:basis-auto',
          )}
        >
          <dt className="inline whitespace-nowrap text-zinc-700 sm:block sm:text-xs dark:text-zinc-300">
            {figure.label}
          </dt>{' '}
          <dd className="inline font-semibold whitespace-nowrap tabular-nums sm:block">{figure.value}</dd>
          {figure.note ? (
            <dd className="text-[11px] text-zinc-700 sm:max-w-48 sm:text-xs dark:text-zinc-300">{figure.note}</dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** The figures that have a value now, in their fixed order. */
function runFigures(
  run: SharedRunSummary | undefined,
  view: ChannelView,
  now: number,
  explainTextPieces: boolean,
): Figure[] {
  const { times } = view;
  const generatingMs = times.firstToken !== undefined ? (times.end ?? now) - times.firstToken : undefined;
  const liveRate =
    generatingMs !== undefined && generatingMs > 200 && view.tokenCount > 1
      ? Math.round((view.tokenCount / generatingMs) * 1000 * 10) / 10
      : undefined;
  const rate = run?.tokensPerSecond ?? liveRate;
  // Still queued, the time in the queue is what ticks.
  const stillQueued = run !== undefined && run.queuedMs === undefined && times.begin === undefined && !view.ended;
  const queuedMs = run?.queuedMs ?? (stillQueued ? Math.max(0, now - run.createdAt) : undefined);
  // Time spent waiting for a person's answer is not the model's: it is left out, and said. The server's
  // figure has it left out already (lib/store/first-token.ts); the one counted here from the events, not yet.
  const answerWaitMs = times.answerWaitBeforeFirstTokenMs ?? 0;
  const untilFirstTokenMs =
    run?.timeToFirstTokenMs ??
    (times.firstToken !== undefined && times.begin !== undefined
      ? Math.max(0, times.firstToken - times.begin - answerWaitMs)
      : undefined);
  const durationMs = runDurationMs(run, view, now);

  const figures: Figure[] = [];
  if (queuedMs !== undefined) figures.push({ label: 'Queued for', value: formatDuration(queuedMs) });
  if (untilFirstTokenMs !== undefined) {
    figures.push({
      label: 'Reply began after',
      value: formatDuration(untilFirstTokenMs),
      ...(answerWaitMs > 0 && { note: `not counting ${formatDuration(answerWaitMs)} waiting for an answer` }),
    });
  }
  // What a text piece is, said under the first figure that counts them.
  const explained = explainTextPieces ? { note: TEXT_PIECE_MEANING } : {};
  if (rate !== undefined) {
    figures.push({ label: 'Text pieces per second', value: rate.toLocaleString('en'), ...explained });
  }
  if (durationMs !== undefined) figures.push({ label: 'Duration', value: formatDuration(durationMs) });
  if (view.tokenCount > 0) {
    figures.push({
      label: 'Text pieces received',
      value: view.tokenCount.toLocaleString('en'),
      ...(rate === undefined && explained),
    });
  }
  return figures;
}
