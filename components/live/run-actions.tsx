'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { cancelRun, retryRun } from '@/lib/client/api';
import { BUILDER_IMPORT_URL, continuationOf, handOffToBuilder } from '@/lib/client/builder-handoff';
import { queryKeys } from '@/lib/client/keys';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { runPagePath } from '@/lib/client/page-paths';

interface RunActionsProps {
  channelId: string;
  request?: DispatchRequest;
  ended: boolean;
  /** The reply so far; read only when Continue is pressed (joining a long reply every frame would cost its length). */
  replyText: () => string;
}

/** Cancel a run that has not ended; retry it or continue the conversation in the builder. */
export function RunActions({ channelId, request, ended, replyText }: RunActionsProps) {
  const router = useRouter();
  const continueHintId = useId();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelRun(channelId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.runs.all }),
  });
  const retry = useMutation({
    mutationFn: () => retryRun(channelId),
    onSuccess: ({ channelId: next }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
      router.push(runPagePath(next));
    },
  });
  const continueInBuilder = () => {
    if (!request) return;
    handOffToBuilder(continuationOf(request, replyText()));
    router.push(BUILDER_IMPORT_URL);
  };
  const problem = cancel.error?.message ?? retry.error?.message;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {!ended ? (
        <Button variant="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </Button>
      ) : null}
      <Button onClick={() => retry.mutate()} disabled={retry.isPending || !request}>
        Retry
      </Button>
      <Button
        onClick={continueInBuilder}
        disabled={!ended || !request}
        aria-describedby={!ended ? continueHintId : undefined}
      >
        Continue in the builder
      </Button>
      {!ended ? (
        <span id={continueHintId} className="text-xs text-zinc-600 dark:text-zinc-400">
          You can continue the conversation once the run has ended.
        </span>
      ) : null}
      {problem ? (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
