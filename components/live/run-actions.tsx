'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ConfirmRunAction } from '@/components/runs/confirm-run-action';
import { Button } from '@/components/ui/button';
import { cancelRun, retryRun } from '@/lib/client/api';
import { BUILDER_IMPORT_URL, continuationOf, handOffToBuilder } from '@/lib/client/builder-handoff';
import { queryKeys } from '@/lib/client/keys';
import type { DispatchRequest } from '@/lib/dispatch/schema';
import { useOpenNewRun } from '@/lib/client/use-open-new-run';
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

/**
 * Cancel a run that has not ended; once it ended, retry it or continue the conversation in the builder (a
 * retry of a run still going would run a second copy beside it, and the server refuses it).
 */
export function RunActions({ channelId, title, retriedAs, request, ended, replyText }: RunActionsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const openNewRun = useOpenNewRun();
  // Cancel and Retry ask first, as the runs list does: Cancel is the first button after a dispatch, one
  // key press away, and a retry of a run already retried makes another.
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
  // The Cancel button goes away with the run's end and Retry comes: focus moves to Retry once the question
  // has closed and the run has ended (closing gives focus back to Cancel; this effect runs after the dialog's).
  useEffect(() => {
    if (asking || !focusRetryOnClose.current || !retryRef.current) return;
    focusRetryOnClose.current = false;
    retryRef.current.focus();
  }, [asking, ended]);
  const retry = useMutation({
    mutationFn: () => retryRun(channelId),
    onSuccess: ({ channelId: next }) => openNewRun(next),
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
        <Button variant="dangerOutline" className="col-span-2" onClick={() => setAsking('cancel')} busy={cancel.isPending}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </Button>
      ) : null}
      <ConfirmRunAction
        kind={asking}
        runs={[{ channelId, title: title ?? '', retriedAs }]}
        busy={cancel.isPending || retry.isPending}
        onConfirm={() => (asking === 'cancel' ? cancel.mutate() : retry.mutate())}
        onClose={() => setAsking(undefined)}
      />
      {ended ? (
        <>
          {/* The server retries from the stored request: Retry does not wait for the page to read it. */}
          <Button ref={retryRef} onClick={() => setAsking('retry')} busy={retry.isPending}>
            Retry
          </Button>
          <Button onClick={continueInBuilder} disabled={!request}>
            Continue in the builder
          </Button>
        </>
      ) : null}
      {problem ? (
        <span role="alert" className="col-span-2 text-sm text-red-600 dark:text-red-400">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
