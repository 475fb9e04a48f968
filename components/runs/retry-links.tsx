// Links between a run and its retries: the run it retried, and the newest run made by retrying it, so an
// operator sees at a glance that a failed run was already sent again (and where it went).
import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { shortChannelId } from '@/lib/client/format';
import { runPagePath } from '@/lib/client/page-paths';
import type { RunSummary } from '@/lib/runs/summary';

export function RetryLinks({
  run,
  className,
}: {
  run: Pick<RunSummary, 'retryOf' | 'retriedAs'>;
  className?: string;
}) {
  if (!run.retryOf && !run.retriedAs) return null;
  const link = (label: string, channelId: string) => (
    <Link
      className={cn('text-indigo-700 underline dark:text-indigo-300', TOUCH_LINK_CLASSES)}
      href={runPagePath(channelId)}
    >
      {/* One box inside the link, which a touch screen makes a flex box: its words keep their spaces and
          the id its baseline. */}
      <span>
        {label} run <span className="font-mono">{shortChannelId(channelId)}</span>
      </span>
    </Link>
  );
  return (
    <p className={className} data-testid="retry-links">
      {run.retryOf ? link('Retry of', run.retryOf) : null}
      {run.retryOf && run.retriedAs ? (
        // The dot goes with the link after it: on a narrow screen that wraps whole, no dot left at a line's end.
        <>
          {' '}
          <span className="inline-flex flex-wrap items-center gap-x-1.5">
            <span aria-hidden="true">·</span>
            {link('Retried as', run.retriedAs)}
          </span>
        </>
      ) : (
        run.retriedAs && link('Retried as', run.retriedAs)
      )}
    </p>
  );
}
