'use client';
// What a share link opens: the run in presentation view, live, without signing in. Everything comes
// through /api/share/{token}; answering is offered only when the sharer allowed it.
import { useQuery } from '@tanstack/react-query';
import { answerSharedRun, getSharedRun } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';
import { liveStatusOf } from '@/lib/client/live-status';
import { useChannel } from '@/lib/client/use-channel';
import { isEnded } from '@/lib/run-status';
import { RunStage } from './run-stage';

function SharedStage({ token, channelId }: { token: string; channelId: string }) {
  const channel = useChannel(channelId, `/api/share/${encodeURIComponent(token)}/subscribe`);
  const detail = useQuery({
    queryKey: queryKeys.shared(token),
    queryFn: () => getSharedRun(token),
    refetchInterval: (query) => (query.state.data && isEnded(query.state.data.run.status) ? false : 2000),
  });
  const data = detail.data;
  return (
    <RunStage
      channel={channel}
      status={liveStatusOf(channel.view, data?.run.status)}
      run={data?.run}
      request={data?.request}
      present
      answer={data?.allowAnswer ? (channel, message) => answerSharedRun(token, channel, message) : undefined}
    />
  );
}

export function SharedRunView({ token }: { token: string }) {
  const detail = useQuery({
    queryKey: queryKeys.shared(token),
    queryFn: () => getSharedRun(token),
    retry: false,
  });
  if (detail.error) {
    return (
      <div
        role="alert"
        className="mx-auto max-w-2xl rounded-lg border border-red-400 bg-red-50 p-6 text-xl text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50"
      >
        {detail.error.message}
      </div>
    );
  }
  if (!detail.data) {
    return (
      <p role="status" className="text-xl">
        Opening the shared run…
      </p>
    );
  }
  return <SharedStage token={token} channelId={detail.data.run.channelId} />;
}
