'use client';
// On the page of a run that waited for an answer and got it: the next run waiting for one (the one whose
// wait ends first), so an operator answering many goes from one to the next without the runs list.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { listRuns } from '@/lib/client/api';
import { formatTimeLeft } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';
import { waitingRunsToAnswer } from '@/lib/client/next-waiting';
import { runPagePath } from '@/lib/client/page-paths';
import { useNow } from '@/lib/client/use-now';
import { cn } from '@/components/ui/cn';

export function NextWaitingRun({ channelId }: { channelId: string }) {
  const waiting = useQuery({
    queryKey: queryKeys.runs.waiting,
    queryFn: () => listRuns({ status: 'waiting', limit: 100 }),
    refetchInterval: 5000,
  });
  const toAnswer = waitingRunsToAnswer(waiting.data?.items ?? [], channelId);
  const next = toAnswer[0];
  const now = useNow(1000, next?.answerDueAt !== undefined);
  if (!next) return null;
  const others = toAnswer.length;
  const more = waiting.data?.nextCursor ? `${others}+ other runs wait` : others === 1 ? 'Another run waits' : `${others} other runs wait`;
  return (
    <p data-testid="next-waiting-run" className="text-sm text-zinc-700 dark:text-zinc-300">
      {more} for an answer.{' '}
      <Link href={runPagePath(next.channelId)} className={cn(TOUCH_LINK_CLASSES, 'font-medium text-indigo-700 underline dark:text-indigo-300')}>
        Answer the next: “{next.title || 'a run'}”
      </Link>
      {next.answerDueAt !== undefined ? ` (within ${formatTimeLeft(next.answerDueAt - now)})` : null}
    </p>
  );
}
