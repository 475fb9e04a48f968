'use client';
// A run's own page: the stream (useChannel) drives it, the run record (TanStack Query) adds the request
// and the server's timings. `present` (?present=1) is the same run in large type, without actions.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
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
import { NextWaitingRun } from './next-waiting-run';
import { LeavePresentationLink, LeavePresentationTouchLink, useLeaveOnEscape } from './leave-presentation';
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
      exit={present ? <LeavePresentationTouchLink href={runPagePath(channelId)} /> : undefined}
      details={present || !known ? null : <WebhookDeliveries channelId={channelId} ended={isEnded(status)} />}
      subtitle={
        present ? (
          <LeavePresentationLink href={runPagePath(channelId)} />
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
      headerNote={
        // Answered (or past its wait): the next run to answer, for an operator working through them.
        !present && view.times.waitBegin !== undefined && status !== 'waiting' ? (
          <NextWaitingRun channelId={channelId} />
        ) : null
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
            <ShareButton target={{ kind: 'run', id: channelId }} ended={isEnded(status)} />
            <Link href={presentHref} className={buttonClasses()}>
              Present
            </Link>
          </div>
        )
      }
    />
  );
}
