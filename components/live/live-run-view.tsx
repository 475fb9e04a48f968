'use client';
// A run's own page: the stream (useChannel) drives it, the run record (TanStack Query) adds the request
// and the server's timings. `present` (?present=1) is the same run in large type, without actions.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { answerRun, getRun, getRunStatus } from '@/lib/client/api';
import { replyTextOf } from '@/lib/client/channel-view';
import { queryKeys } from '@/lib/client/keys';
import { liveStatusOf } from '@/lib/client/live-status';
import { useChannel } from '@/lib/client/use-channel';
import { isEnded } from '@/lib/run-status';
import { buttonClasses } from '@/components/ui/button';
import { RunActions } from './run-actions';
import { ExperimentCellLine } from './experiment-cell-line';
import { RunStage } from './run-stage';
import { ShareButton } from './share-dialog';
import { WebhookDeliveries } from './webhook-deliveries';
import { RetryLinks } from '@/components/runs/retry-links';
import { runPagePath } from '@/lib/client/page-paths';
import { cellOfAnyExperiment } from '@/lib/experiments/cell-request';

export function LiveRunView({
  channelId,
  present = false,
  answerWaitLimitMs,
}: {
  channelId: string;
  present?: boolean;
  /** How long a run waits for an answer before it stops (the server's setting). */
  answerWaitLimitMs?: number;
}) {
  const channel = useChannel(channelId);
  const { view } = channel;
  const queryClient = useQueryClient();
  // The channel is asked first: only once it has answered that the run is there is more asked about it, so
  // an address with no run costs one request, and after "no such run" nothing more (not even on focus).
  const known = channel.connection.state !== 'connecting' && channel.connection.state !== 'failed';
  // The request once; the status every second while the run lives (without the request, which can be MBs).
  const detail = useQuery({
    queryKey: queryKeys.runs.detail(channelId),
    queryFn: () => getRun(channelId),
    enabled: known,
  });
  const polled = useQuery({
    queryKey: queryKeys.runs.status(channelId),
    queryFn: () => getRunStatus(channelId),
    enabled: known,
    refetchInterval: (query) =>
      query.state.status === 'error' || (query.state.data && isEnded(query.state.data.run.status))
        ? false
        : 1000,
  });
  useEffect(() => {
    if (view.ended) void queryClient.invalidateQueries({ queryKey: queryKeys.runs.status(channelId) });
  }, [view.ended, channelId, queryClient]);

  useLeaveOnEscape(present, runPagePath(channelId));

  const run = polled.data?.run ?? detail.data?.run;
  const status = liveStatusOf(view, run?.status);
  const presentHref = `${runPagePath(channelId)}?present=1`;
  const cell = cellOfAnyExperiment(channelId);

  return (
    <RunStage
      channel={channel}
      status={status}
      run={run}
      request={detail.data?.request}
      present={present}
      answer={(channel, message) => answerRun(channelId, channel, message)}
      answerWaitLimitMs={answerWaitLimitMs}
      details={present || !known ? null : <WebhookDeliveries channelId={channelId} ended={isEnded(status)} />}
      subtitle={
        present ? (
          // The presented page has no controls: Esc or this link (shown when focused) leaves it. A touch
          // screen has no Esc and no Tab, so there the link always shows, as a finger-sized target.
          <Link
            href={runPagePath(channelId)}
            className="sr-only rounded-md text-lg font-medium underline focus:not-sr-only focus:mt-2 focus:inline-flex focus:items-center focus:px-2 focus:py-1 pointer-coarse:not-sr-only pointer-coarse:mt-2 pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:items-center pointer-coarse:border pointer-coarse:border-zinc-300 pointer-coarse:px-4 dark:pointer-coarse:border-zinc-600"
          >
            Leave the presentation<span className="pointer-coarse:hidden"> (Esc)</span>
          </Link>
        ) : (
          // Only the id may break anywhere; the engine keeps its word whole ("lo / cal" at 390 px).
          <>
            <p className="font-mono text-xs text-zinc-700 dark:text-zinc-300">
              <span className="break-all">{channelId}</span>
              {run ? (
                <span data-testid="run-engine" className="break-words">
                  {` · ${run.engine}${run.model && run.model !== run.engine ? ` / ${run.model}` : ''}`}
                </span>
              ) : null}
            </p>
            {run ? <RetryLinks run={run} className="text-sm" /> : null}
            {cell ? <ExperimentCellLine cell={cell} /> : null}
          </>
        )
      }
      actions={
        present ? null : (
          // On a phone, a grid of equal halves (a running run's Cancel first, across the whole width), so the
          // buttons do not wrap into two uneven rows; from sm up, one wrapping row.
          <div data-testid="run-actions" className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
            <RunActions
              channelId={channelId}
              title={run?.title}
              retriedAs={run?.retriedAs}
              request={detail.data?.request}
              ended={isEnded(status)}
              replyText={() => replyTextOf(view)}
            />
            <ShareButton target={{ kind: 'run', id: channelId }} />
            <Link href={presentHref} className={buttonClasses()}>
              Present
            </Link>
          </div>
        )
      }
    />
  );
}

/** Where Esc belongs to the control: typing text, or a list open to pick from. A checkbox or a button is not. */
const TYPING_CONTROLS = 'textarea, select, [contenteditable], input:not([type=checkbox], [type=radio], [type=button], [type=submit])';

/** Esc leaves presentation mode for the run's own page, unless it was pressed while typing an answer. */
function useLeaveOnEscape(present: boolean, href: string) {
  const router = useRouter();
  useEffect(() => {
    if (!present) return;
    const leave = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && event.target.closest(TYPING_CONTROLS);
      if (event.key === 'Escape' && !typing && !event.defaultPrevented) router.push(href);
    };
    window.addEventListener('keydown', leave);
    return () => window.removeEventListener('keydown', leave);
  }, [present, href, router]);
}
