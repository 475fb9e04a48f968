'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { ConfirmRunAction } from '@/components/runs/confirm-run-action';
import { Button } from '@/components/ui/button';
import { cancelRun, retryRun } from '@/lib/client/api';
import { BUILDER_IMPORT_URL, continuationOf, handOffToBuilder } from '@/lib/client/builder-handoff';
import { queryKeys } from '@/lib/client/keys';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { runPagePath } from '@/lib/client/page-paths';
import type { RunActionKind } from '@/lib/client/run-actions';

interface RunActionsProps {
  channelId: string;
  /** The run's title, named by the cancel and retry questions. */
  title?: string;
  /** The run made by this run's last retry, if any: the retry question warns of another. */
  retriedAs?: string;
  request?: DispatchRequest;
  ended: boolean;
  /** The reply so far; read only when Continue is pressed (joining a long reply every frame would cost its length). */
  replyText: () => string;
}

/** Cancel a run that has not ended; retry it or continue the conversation in the builder. */
export function RunActions({ channelId, title, retriedAs, request, ended, replyText }: RunActionsProps) {
  const router = useRouter();
  const continueHintId = useId();
  const queryClient = useQueryClient();
  // Cancel and Retry ask first, as the runs list does: Cancel is the first button after a dispatch, one
  // key press away, and a retry of a run still waiting for an answer makes a second one waiting beside it.
  const [asking, setAsking] = useState<RunActionKind>();
  const retryRef = useRef<HTMLButtonElement>(null);
  const focusRetryOnClose = useRef(false);
  const cancel = useMutation({
    mutationFn: () => cancelRun(channelId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.runs.all }),
    onSuccess: () => {
      focusRetryOnClose.current = true;
      setAsking(undefined);
    },
  });
  // The Cancel button goes away with the run's end: focus stays in the actions, on Retry, once the
  // question has closed (closing gives focus back to Cancel; this effect runs after the dialog's own).
  useEffect(() => {
    if (asking || !focusRetryOnClose.current) return;
    focusRetryOnClose.current = false;
    retryRef.current?.focus();
  }, [asking]);
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
    // Its buttons sit in the page's row (or grid) of actions with Share and Present.
    <div className="contents">
      {!ended ? (
        <Button variant="danger" className="col-span-2" onClick={() => setAsking('cancel')} disabled={cancel.isPending}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </Button>
      ) : null}
      <ConfirmRunAction
        kind={asking}
        runs={[{ channelId, title: title ?? '', retriedAs }]}
        stillRunning={!ended}
        busy={cancel.isPending || retry.isPending}
        onConfirm={() => (asking === 'cancel' ? cancel.mutate() : retry.mutate())}
        onClose={() => setAsking(undefined)}
      />
      <Button ref={retryRef} onClick={() => setAsking('retry')} disabled={retry.isPending || !request}>
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
        <span id={continueHintId} className="col-span-2 text-xs text-zinc-600 dark:text-zinc-400">
          You can continue the conversation once the run has ended.
        </span>
      ) : null}
      {problem ? (
        <span role="alert" className="col-span-2 text-sm text-red-600 dark:text-red-400">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
