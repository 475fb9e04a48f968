'use client';
// The runs list: newest first, filtered by status, paged by cursor, refreshed while runs progress.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { INPUT_CLASSES } from '@/components/ui/field';
import { listRuns } from '@/lib/client/api';
import { queryKeys } from '@/lib/client/keys';
import { RUN_STATUSES, isEnded, type RunStatus } from '@/lib/run-status';
import { RunsTable } from './runs-table';

const PAGE_SIZE = 25;

export function RunsDashboard() {
  const [status, setStatus] = useState<RunStatus | undefined>();
  // Cursors of the pages before the current one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const runs = useQuery({
    queryKey: [...queryKeys.runs.list({ status }), cursor ?? ''],
    queryFn: () => listRuns({ status, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((run) => !isEnded(run.status)) ? 1000 : 4000),
  });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Runs</h1>
        <div className="space-y-1">
          <label htmlFor="status-filter" className="block text-sm font-medium">
            Status
          </label>
          <select
            id="status-filter"
            className={INPUT_CLASSES}
            value={status ?? ''}
            onChange={(event) => {
              setStatus((event.target.value || undefined) as RunStatus | undefined);
              setCursors([undefined]);
            }}
          >
            <option value="">All statuses</option>
            {RUN_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </div>
      {runs.error ? (
        <p role="alert" className="text-sm text-red-600">
          {runs.error.message}
        </p>
      ) : null}
      {runs.data ? <RunsTable runs={runs.data.items} /> : <p className="text-sm text-zinc-500">Loading runs…</p>}
      <nav aria-label="Pages" className="flex items-center gap-2">
        <Button disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
          ← Newer
        </Button>
        <span className="text-sm text-zinc-500">Page {cursors.length}</span>
        <Button
          disabled={!runs.data?.nextCursor}
          onClick={() => runs.data?.nextCursor && setCursors((list) => [...list, runs.data.nextCursor ?? undefined])}
        >
          Older →
        </Button>
      </nav>
    </div>
  );
}
