'use client';
// The runs list: search and filters kept in the URL, newest first, paged by cursor, refreshed while
// runs progress, with cancel / retry on each row and on a selection (after a confirmation).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { useActionOutcome } from '@/components/ui/action-outcome';
import { Button } from '@/components/ui/button';
import { listMatchingRuns, listRuns, runsExportUrl, type RunListFilter } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';
import { applyRunAction, describeReport, type RunActionKind } from '@/lib/client/run-actions';
import { filterFromParams, pageCursorsFromParams, paramsOfFilter, paramsOfPage } from '@/lib/client/run-list-url';
import type { RunSummary } from '@/lib/runs/summary';
import { isEnded } from '@/lib/run-status';
import { cellOfAnyExperiment } from '@/lib/experiments/cell-request';
import { ConfirmRunAction } from './confirm-run-action';
import { RunFilters } from './run-filters';
import { TOUCH_LINK_CLASSES } from '@/components/ui/touch-target';
import { RunsTable } from './runs-table';
import { SelectionBar } from './selection-bar';

const PAGE_SIZE = 25;
/** How long a filter change of ours may take to reach the URL. */
const PUSH_SETTLE_MS = 3_000;

export function RunsDashboard() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = searchParams.toString();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(query)), [query]);
  // Changes made before the URL caught up (two filters picked in quick succession) build on each other:
  // while pushes of ours are still on their way, an earlier one arriving must not reset the latest filter.
  const latest = useRef(filter);
  const pushed = useRef<string[]>([]);
  const lastPushAt = useRef(0);
  useEffect(() => {
    const arrived = pushed.current.indexOf(query);
    if (arrived >= 0) pushed.current = pushed.current.slice(arrived + 1);
    // Another URL while ours are on their way (the router showing an older one): keep the latest
    // filter. A URL that is not ours long after our last push is a Back or Forward: it wins.
    else if (pushed.current.length > 0 && performance.now() - lastPushAt.current < PUSH_SETTLE_MS) return;
    else pushed.current = [];
    if (pushed.current.length === 0) latest.current = filter;
  }, [query, filter]);
  const setFilter = useCallback(
    (change: Partial<RunListFilter>) => {
      latest.current = { ...latest.current, ...change };
      const params = paramsOfFilter(latest.current).toString();
      pushed.current.push(params);
      lastPushAt.current = performance.now();
      // push, not replace: Back returns to the previous filters.
      router.push(params ? `${pathname}?${params}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const cursors = useMemo(() => pageCursorsFromParams(new URLSearchParams(query)), [query]);
  // A page is a URL of its own (push: Back returns to the page before), so a reload keeps it.
  const goToPage = useCallback(
    (next: (string | undefined)[]) => {
      const params = paramsOfPage(filter, next).toString();
      router.push(params ? `${pathname}?${params}` : pathname, { scroll: false });
    },
    [filter, router, pathname],
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">Runs</h1>
        {/* The runs that match the filters, newest first, as a file for a spreadsheet. */}
        <a href={runsExportUrl(filter)} download className={`${LINK_CLASSES} text-sm ${TOUCH_LINK_CLASSES}`}>
          Download as CSV
        </a>
      </div>
      <RunFilters filter={filter} onChange={setFilter} />
      {/* Keyed by the filters: selection starts over when they change (a filter change also leaves the page). */}
      <RunsResults key={paramsOfFilter(filter).toString()} filter={filter} cursors={cursors} onPage={goToPage} />
    </div>
  );
}

const isFiltered = (filter: RunListFilter) => Object.values(filter).some(Boolean);

const LINK_CLASSES = 'font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300';

/** An empty list says why and offers the way on. */
function EmptyRunsText({ filtered }: { filtered: boolean }) {
  return filtered ? (
    <>
      No runs match these filters.{' '}
      <Link href="/runs" className={LINK_CLASSES}>
        Clear the filters
      </Link>
    </>
  ) : (
    <>
      No runs yet.{' '}
      <Link href="/" className={LINK_CLASSES}>
        Dispatch one from the builder
      </Link>
    </>
  );
}

interface RunsResultsProps {
  filter: RunListFilter;
  /** The shown page's cursor and those of the pages before it, so "Newer" can go back. */
  cursors: (string | undefined)[];
  onPage: (cursors: (string | undefined)[]) => void;
}

function RunsResults({ filter, cursors, onPage }: RunsResultsProps) {
  const queryClient = useQueryClient();
  const cursor = cursors[cursors.length - 1];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<{ kind: RunActionKind; runs: RunSummary[]; leftAlone?: number }>();
  const [busy, setBusy] = useState(false);
  // The buttons that opened a question go away with the runs they acted on: what was done is said at the
  // top of the selection bar, and focus goes there.
  const outcome = useActionOutcome();
  // "Select every run that matches": the runs of every page, read once when asked for.
  const [everyMatching, setEveryMatching] = useState<{ runs: RunSummary[]; more: boolean }>();
  // While they are read: how many so far (a few thousand take a moment).
  const [matchingRead, setMatchingRead] = useState<number>();
  const runs = useQuery({
    queryKey: [...queryKeys.runs.list(filter), cursor ?? ''],
    queryFn: () => listRuns({ ...filter, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (state) => (state.state.data?.items.some((run) => !isEnded(run.status)) ? 1000 : 4000),
  });
  const items = runs.data?.items ?? [];
  const chosen = everyMatching?.runs ?? items.filter((run) => selected.has(run.channelId));
  const selectAll = (on: boolean) => {
    setEveryMatching(undefined);
    setSelected(on ? new Set(items.map((run) => run.channelId)) : new Set());
  };
  const selectEveryMatching = async () => {
    setMatchingRead(0);
    try {
      setEveryMatching(await listMatchingRuns(filter, { onProgress: setMatchingRead }));
    } catch (error) {
      outcome.report(`Could not read every run that matches: ${(error as Error).message}`);
    } finally {
      setMatchingRead(undefined);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    const report = await applyRunAction(
      pending.kind,
      pending.runs.map((run) => run.channelId),
    );
    setBusy(false);
    // In the same render as the question closing: the outcome takes focus in an effect of this component,
    // which runs after the dialog's own (a child's) has given focus back to the button that asked.
    setPending(undefined);
    setSelected(new Set());
    setEveryMatching(undefined);
    outcome.report(describeReport({ ...report, leftAlone: pending.leftAlone }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.runs.all });
  };
  // "Older" is pressed at the list's end: the next page starts at its top, not as far down as this one ended
  // (on a phone, thousands of pixels into it). Where the whole list is in view, nothing moves. Focus goes to
  // the new page's table, named with its page, where reading and Tab start over: left on "Older" it stayed at
  // the list's end (or, that button disabled on the last page, fell to the page's start).
  const resultsRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const focusTableOnPage = useRef(false);
  const goToPage = (next: (string | undefined)[]) => {
    onPage(next);
    selectAll(false);
    focusTableOnPage.current = true;
    const results = resultsRef.current;
    if (results && results.getBoundingClientRect().top < 0) results.scrollIntoView({ block: 'start' });
  };
  // Once the URL names the new page (so the table's caption does too).
  useEffect(() => {
    if (!focusTableOnPage.current) return;
    focusTableOnPage.current = false;
    tableRef.current?.focus({ preventScroll: true });
  }, [cursor]);

  return (
    <div ref={resultsRef} className="space-y-3">
      <SelectionBar
        pageRuns={items}
        chosen={chosen}
        morePages={cursors.length > 1 || Boolean(runs.data?.nextCursor)}
        matching={everyMatching && { count: everyMatching.runs.length, more: everyMatching.more }}
        filtered={isFiltered(filter)}
        matchingRead={matchingRead}
        onSelectMatching={() => void selectEveryMatching()}
        outcome={outcome}
        onSelectAll={selectAll}
        onAction={(kind, chosenRuns) =>
          setPending({ kind, runs: chosenRuns, leftAlone: chosen.length - chosenRuns.length })
        }
      />
      {runs.error ? (
        <p role="alert" className="text-sm text-red-600">
          {runs.error.message}
        </p>
      ) : null}
      {runs.data ? (
        <RunsTable
          runs={items}
          selected={selected}
          onToggle={(channelId, on) => {
            // Unchoosing a run of the page leaves "every run that matches" for the page's own choice.
            setEveryMatching(undefined);
            setSelected((current) => {
              const next = new Set(current);
              if (on) next.add(channelId);
              else next.delete(channelId);
              return next;
            });
          }}
          onToggleAll={selectAll}
          onAction={(kind, chosenRuns) => setPending({ kind, runs: chosenRuns })}
          emptyText={<EmptyRunsText filtered={isFiltered(filter)} />}
          caption={`Runs, page ${cursors.length}, newest first`}
          tableRef={tableRef}
        />
      ) : (
        <p className="text-sm text-zinc-500">Loading runs…</p>
      )}
      <nav aria-label="Pages" className="flex items-center gap-2">
        <Button disabled={cursors.length === 1} onClick={() => goToPage(cursors.slice(0, -1))}>
          ← Newer
        </Button>
        <span className="text-sm text-zinc-500">Page {cursors.length}</span>
        <Button
          disabled={!runs.data?.nextCursor}
          onClick={() => runs.data?.nextCursor && goToPage([...cursors, runs.data.nextCursor])}
        >
          Older →
        </Button>
      </nav>
      <ConfirmRunAction
        kind={pending?.kind}
        runs={pending?.runs ?? []}
        leftAlone={pending?.leftAlone}
        fromExperiments={pending?.runs.filter((run) => cellOfAnyExperiment(run.channelId)).length}
        busy={busy}
        onConfirm={() => void confirm()}
        onClose={() => setPending(undefined)}
      />
    </div>
  );
}
