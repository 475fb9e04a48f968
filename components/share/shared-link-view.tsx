'use client';
// /share/{token}: opens what the link shares — a run or an experiment — or says in plain words why it
// opens nothing (not valid, expired, revoked). No session is needed; the token is the whole credential.
import { useQuery } from '@tanstack/react-query';
import { SharedExperimentView } from '@/components/experiments/shared-experiment-view';
import { SharedRunView } from '@/components/live/shared-run-view';
import { getShared } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';

export function SharedLinkView({ token, answerWaitLimitMs }: { token: string; answerWaitLimitMs?: number }) {
  const detail = useQuery({
    queryKey: queryKeys.shared.detail(token),
    queryFn: () => getShared(token),
    retry: false,
  });
  if (detail.error) return <ShareRefused message={detail.error.message} />;
  if (!detail.data) {
    return (
      <p role="status" className="text-xl">
        Opening the shared page…
      </p>
    );
  }
  return detail.data.kind === 'run' ? (
    <SharedRunView token={token} initial={detail.data} answerWaitLimitMs={answerWaitLimitMs} />
  ) : (
    <SharedExperimentView token={token} initial={detail.data} />
  );
}

function ShareRefused({ message }: { message: string }) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-2xl space-y-2 rounded-lg border border-red-400 bg-red-50 p-6 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50"
    >
      <h1 className="text-2xl font-semibold">This link cannot be opened</h1>
      <p className="text-xl">{message}</p>
    </div>
  );
}
