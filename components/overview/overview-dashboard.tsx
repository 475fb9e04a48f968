'use client';
// The overview: live figures for the last hour, day or week (kept in the URL), refreshed every few
// seconds without a reload, with runs per minute and tokens per minute drawn as charts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { getOverview } from '@/lib/client/api';
import { formatDuration, formatRate } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/keys';
import { WARNING_NOTE_CLASSES } from '@/components/ui/warning-note';
import type { OverviewWindow, RunsOverview } from '@/lib/runs/overview';
import { StatusBreakdown } from './status-breakdown';
import { TimeSeriesChart } from './time-series-chart';
import { TOKEN_MEANING } from '@/components/ui/plain-terms';

const WINDOWS: { value: OverviewWindow; label: string }[] = [
  { value: 'hour', label: 'Last hour' },
  { value: 'day', label: 'Last day' },
  { value: 'week', label: 'Last week' },
];
const REFRESH_MS = 3000;
/** Each window's length, for the totals the per-minute averages come from. */
const WINDOW_MINUTES: Record<OverviewWindow, { minutes: number; phrase: string }> = {
  hour: { minutes: 60, phrase: 'in the last hour' },
  day: { minutes: 24 * 60, phrase: 'in the last day' },
  week: { minutes: 7 * 24 * 60, phrase: 'in the last week' },
};

export function OverviewDashboard() {
  const router = useRouter();
  const pathname = usePathname();
  const requested = useSearchParams().get('window');
  const window = WINDOWS.find((option) => option.value === requested)?.value ?? 'hour';
  const overview = useQuery({
    queryKey: queryKeys.runs.overview(window),
    queryFn: () => getOverview(window),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const data = overview.data;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <fieldset className="flex flex-wrap gap-1 rounded-lg border border-zinc-200 p-1 dark:border-zinc-800">
          <legend className="sr-only">Time window</legend>
          {WINDOWS.map((option) => (
            <label
              key={option.value}
              className="cursor-pointer rounded-md px-3 py-1 text-sm pointer-coarse:flex pointer-coarse:min-h-11 pointer-coarse:items-center has-[:checked]:bg-indigo-600 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500"
            >
              <input
                type="radio"
                name="window"
                value={option.value}
                checked={window === option.value}
                onChange={() => router.push(`${pathname}?window=${option.value}`, { scroll: false })}
                className="sr-only"
              />
              {option.label}
            </label>
          ))}
        </fieldset>
      </div>
      {overview.error ? (
        <p role="alert" className="text-sm text-red-600">
          {overview.error.message}
        </p>
      ) : null}
      {data ? <OverviewFigures overview={data} /> : <p className="text-sm text-zinc-500">Loading figures…</p>}
    </div>
  );
}

/** Under the queue depth; in the Redis layout, also how many worker processes take runs from it. */
function queueHint(workers: number | undefined): string {
  if (workers === undefined) return 'waiting for a slot now';
  return `waiting for a slot now; ${workers.toLocaleString()} ${workers === 1 ? 'worker takes' : 'workers take'} runs`;
}

/** In the Redis layout with no worker connected, dispatched runs wait in the queue until one starts. */
/** Runs that wait for a person fail when their wait limit passes: said before the figures, with the way to them. */
function AnswersNeededNote({ waiting }: { waiting: number }) {
  const runs = waiting === 1 ? '1 run is' : `${waiting.toLocaleString()} runs are`;
  return (
    <p data-testid="answers-needed" className={WARNING_NOTE_CLASSES}>
      {runs} waiting for a person’s answer, and {waiting === 1 ? 'it fails' : 'each fails'} if none comes before
      its wait limit.{' '}
      <Link className="underline" href="/runs?status=waiting">
        Answer the waiting {waiting === 1 ? 'run' : 'runs'}
      </Link>
    </p>
  );
}

function NoWorkerNote({ queued }: { queued: number }) {
  const waiting =
    queued === 0 ? 'a run dispatched now waits' : queued === 1 ? 'the queued run waits' : `the ${queued.toLocaleString()} queued runs wait`;
  return (
    <p role="status" data-testid="no-worker" className={WARNING_NOTE_CLASSES}>
      No worker is taking runs from the queue, so {waiting} until one starts. Start one with{' '}
      <code>npm run worker</code> where it reaches this Redis, or run a web process without{' '}
      <code>RUN_WORKER=false</code>.
    </p>
  );
}

function OverviewFigures({ overview }: { overview: RunsOverview }) {
  const span = WINDOW_MINUTES[overview.window];
  const times = overview.series.map((point) => point.start);
  const failure =
    overview.failureRate === undefined ? 'no runs ended' : `${(overview.failureRate * 100).toFixed(1)}%`;
  const { waiting } = overview.byStatus;
  // Runs waiting for an answer hold every slot while others queue: the note below says why nothing moves.
  const queueHeld = overview.queueDepth > 0 && overview.byStatus.running === 0 && waiting > 0;
  return (
    <>
      {/* First on the page: nothing else moves until it is fixed. */}
      {overview.workers === 0 ? <NoWorkerNote queued={overview.queueDepth} /> : null}
      {waiting > 0 && !queueHeld ? <AnswersNeededNote waiting={waiting} /> : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="overview-figures">
        <Figure
          label="Queue depth"
          value={overview.queueDepth.toLocaleString()}
          hint={queueHint(overview.workers)}
        />
        {/* Totals, not an average over the window: 30 runs just sent read "30", not "0.5 per minute". The
            average per minute is the charts' summary below, not a second figure for the same count here. */}
        <Figure
          label="Runs dispatched"
          value={Math.round(overview.runsPerMinute * span.minutes).toLocaleString()}
          hint={span.phrase}
        />
        <Figure label="Failure rate" value={failure} hint="of runs that ended" />
        <Figure
          label="Output tokens"
          value={Math.round(overview.tokensPerMinute * span.minutes).toLocaleString()}
          hint={`written ${span.phrase}`}
        />
        <TimingFigure label="Time to first token" what="from a run’s start to its first token" timing={overview.timeToFirstToken} />
        <TimingFigure label="Duration" what="from a run’s start to its end" timing={overview.duration} />
      </dl>
      <StatusBreakdown byStatus={overview.byStatus} window={overview.window} />
      {queueHeld ? (
        // Why the queue does not move: runs waiting for an answer hold the slots (past what they may lend).
        <p role="status" data-testid="queue-held" className={WARNING_NOTE_CLASSES}>
          Runs are queued while no run is running: runs waiting for an answer hold every run slot. Answer or
          cancel the{' '}
          <Link className="underline" href="/runs?status=waiting">
            waiting runs
          </Link>
          , or they fail when their wait limit passes.
        </p>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <TimeSeriesChart
          title="Runs per minute"
          summary={`Average ${formatRate(overview.runsPerMinute, 'runs')}; ${overview.byStatus.failed} failed in this window.`}
          times={times}
          series={[
            {
              label: 'Dispatched',
              values: overview.series.map((point) => point.runsPerMinute),
              color: ['#4f46e5', '#818cf8'],
            },
            {
              label: 'Failed',
              values: overview.series.map((point) => point.failedPerMinute),
              color: ['#dc2626', '#f87171'],
            },
          ]}
        />
        <TimeSeriesChart
          title="Tokens per minute"
          summary={`Average ${formatRate(overview.tokensPerMinute, 'output tokens')}.`}
          times={times}
          series={[
            {
              label: 'Tokens',
              values: overview.series.map((point) => point.tokensPerMinute),
              color: ['#059669', '#34d399'],
            },
          ]}
        />
      </div>
      <p className="text-xs text-zinc-500">
        Typical and slowest times are read from time buckets and are accurate to about ±12%. Queued, running and waiting
        counts are as of now; ended runs are counted in the window. {TOKEN_MEANING}{' '}
        <Link href="/runs" className="underline">
          See every run
        </Link>
        .
      </p>
    </>
  );
}

/**
 * A run's typical time and the time its slowest 5% exceed, in words on the card; the precise definition
 * (median, 95th percentile) is in its title. Each time keeps its number and unit on one line ("312 ms",
 * never "312" above "ms").
 */
function TimingFigure({ label, what, timing }: { label: string; what: string; timing: { p50?: number; p95?: number } }) {
  if (timing.p50 === undefined) return <Figure label={label} value="—" hint="no runs timed yet" />;
  return (
    <Figure
      label={label}
      title={`Measured ${what}. Typical: the median, ${formatDuration(timing.p50)}. Slowest 5%: above the 95th percentile, ${formatDuration(timing.p95)}.`}
      value={
        <>
          <span className="whitespace-nowrap">{formatDuration(timing.p50)}</span>{' '}
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">typical</span>
        </>
      }
      hint={
        <>
          slowest 5% over <span className="whitespace-nowrap">{formatDuration(timing.p95)}</span>
        </>
      }
    />
  );
}

function Figure({ label, value, hint, title }: { label: string; value: ReactNode; hint: ReactNode; title?: string }) {
  return (
    <div title={title} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd>
    </div>
  );
}
