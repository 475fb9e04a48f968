'use client';
// What a run's share link opens: the run in presentation view, live, without signing in. Everything
// comes through /api/share/{token}; answering is offered only when the sharer allowed it.
import { useQuery } from '@tanstack/react-query';
import { answerSharedRun, getShared, sharePath } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';
import { liveStatusOf } from '@/lib/client/live-status';
import { useChannel } from '@/lib/client/use-channel';
import { isEnded } from '@/lib/run-status';
import type { SharedRunDetail } from '@/lib/share/share-schema';
import { SharedNote } from '@/components/share/shared-note';
import { RunStage } from './run-stage';

export function SharedRunView({
  token,
  initial,
  answerWaitLimitMs,
}: {
  token: string;
  initial: SharedRunDetail;
  answerWaitLimitMs?: number;
}) {
  const channel = useChannel(initial.run.channelId, `${sharePath(token)}/subscribe`);
  const detail = useQuery({
    queryKey: queryKeys.shared.detail(token),
    queryFn: () => getShared(token),
    refetchInterval: (query) =>
      query.state.data?.kind === 'run' && isEnded(query.state.data.run.status) ? false : 2000,
  });
  const data = detail.data?.kind === 'run' ? detail.data : initial;
  const status = liveStatusOf(channel.view, data.run.status);
  return (
    <RunStage
      channel={channel}
      status={status}
      run={data.run}
      request={data.request}
      present
      answerWaitLimitMs={answerWaitLimitMs}
      subtitle={<SharedNote expiresAt={data.expiresAt} canAnswer={data.allowAnswer} ended={isEnded(status)} />}
      answer={data.allowAnswer ? (channel, message) => answerSharedRun(token, channel, message) : undefined}
    />
  );
}
