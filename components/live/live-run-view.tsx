'use client';
// The live view of one channel: status and figures, the transcript growing as events arrive, the
// outcome, and the raw event timeline. The stream (useChannel) drives the page; the run record
// (TanStack Query) adds the request and the server's timings.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { getRun } from '@/lib/client/api';
import { replyTextOf } from '@/lib/client/channel-view';
import { queryKeys } from '@/lib/client/keys';
import { liveStatusOf } from '@/lib/client/live-status';
import { useChannel } from '@/lib/client/use-channel';
import { isEnded } from '@/lib/run-status';
import { ConnectionNotice } from './connection-notice';
import { EventTimeline } from './event-timeline';
import { RunActions } from './run-actions';
import { RunFigures } from './run-figures';
import { RunOutcome } from './run-outcome';
import { Transcript } from './transcript';
import { WebhookDeliveries } from './webhook-deliveries';

export function LiveRunView({ channelId }: { channelId: string }) {
  const { view, events, connection } = useChannel(channelId);
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: queryKeys.runs.detail(channelId),
    queryFn: () => getRun(channelId),
    refetchInterval: (query) => (query.state.data && isEnded(query.state.data.run.status) ? false : 1000),
  });
  useEffect(() => {
    if (view.ended) void queryClient.invalidateQueries({ queryKey: queryKeys.runs.detail(channelId) });
  }, [view.ended, channelId, queryClient]);

  const run = detail.data?.run;
  const status = liveStatusOf(view, run?.status);
  const running = !isEnded(status);

  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <h1 className="truncate text-xl font-semibold">{run?.title || 'Run'}</h1>
            <p className="truncate font-mono text-xs text-zinc-500">
              {channelId}
              {run ? ` · ${run.engine}${run.model && run.model !== run.engine ? ` / ${run.model}` : ''}` : ''}
            </p>
          </div>
          <RunStatusBadge status={status} />
        </div>
        <RunFigures run={run} tokenCount={view.tokenCount} />
        <RunActions
          channelId={channelId}
          request={detail.data?.request}
          ended={!running}
          replyText={replyTextOf(view)}
        />
        <ConnectionNotice connection={connection} />
      </header>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Transcript
            request={detail.data?.request}
            items={view.items}
            running={running}
            waitingOn={view.waitingOn}
          />
          <RunOutcome view={view} />
          <WebhookDeliveries channelId={channelId} ended={!running} />
        </div>
        <EventTimeline events={events} />
      </div>
    </div>
  );
}
