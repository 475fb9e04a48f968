'use client';
// Search and filters of the runs list. The values come from and go to the page URL (runs-dashboard).
import { useEffect, useState } from 'react';
import { INPUT_CLASSES } from '@/components/ui/field';
import type { RunListFilter } from '@/lib/client/api';
import { ENGINE_FILTERS, SINCE_FILTERS } from '@/lib/client/run-list-url';
import { useEngines } from '@/lib/client/use-engines';
import { RUN_STATUSES, type RunStatus } from '@/lib/run-status';
import { RUN_SOURCES, type RunSource } from '@/lib/store/run-source';

const STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  // Said as a row says it ("Needs an answer within 2 min"), and short enough for half a phone's width.
  waiting: 'Needs an answer',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const SINCE_LABELS = { hour: 'Last hour', day: 'Last day', week: 'Last week' } as const;
const SOURCE_LABELS: Record<RunSource, string> = { experiment: 'Experiments', other: 'Not experiments' };
const SEARCH_DELAY_MS = 300;

export function RunFilters({
  filter,
  onChange,
}: {
  filter: RunListFilter;
  onChange: (change: Partial<RunListFilter>) => void;
}) {
  const [search, setSearch] = useState(filter.search ?? '');
  // The URL changed (back, a link): show its search (state adjusted while rendering, not in an effect).
  const [shownFor, setShownFor] = useState(filter.search);
  if (shownFor !== filter.search) {
    setShownFor(filter.search);
    setSearch(filter.search ?? '');
  }
  // Engines this server can run, and the one a link asked for; all three until the server says.
  const engines = useEngines();
  const engineOptions = ENGINE_FILTERS.filter(
    (engine) =>
      engine === filter.engine ||
      (engines.data?.engines.find((available) => available.name === engine)?.configured ?? true),
  );
  const selects: {
    name: Exclude<keyof RunListFilter, 'search'>;
    label: string;
    allLabel: string;
    options: [string, string][];
  }[] = [
    {
      name: 'status',
      label: 'Status',
      allLabel: 'All statuses',
      options: RUN_STATUSES.map((status) => [status, STATUS_LABELS[status]]),
    },
    {
      name: 'engine',
      label: 'Engine',
      allLabel: 'All engines',
      options: engineOptions.map((engine) => [engine, engine]),
    },
    {
      name: 'since',
      label: 'Created',
      allLabel: 'Any time',
      options: SINCE_FILTERS.map((since) => [since, SINCE_LABELS[since]]),
    },
    {
      name: 'source',
      label: 'Source',
      allLabel: 'Any source',
      options: RUN_SOURCES.map((source) => [source, SOURCE_LABELS[source]]),
    },
  ];
  useEffect(() => {
    if (search.trim() === (filter.search ?? '')) return;
    const timer = setTimeout(() => onChange({ search: search.trim() || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filter, onChange]);

  return (
    // Below lg the four filters sit two by two under the search, so the first run still starts on a phone's
    // first screen; from lg all in one row, the search and the status wider.
    <div className="grid grid-cols-2 gap-x-2 gap-y-3 sm:gap-x-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.4fr)_repeat(3,minmax(0,1fr))]">
      <form
        role="search"
        className="col-span-2 space-y-1 lg:col-span-1"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ search: search.trim() || undefined });
        }}
      >
        <label htmlFor="run-search" className="block text-sm font-medium">
          Search
        </label>
        <input
          id="run-search"
          type="search"
          className={INPUT_CLASSES}
          placeholder="First message, run id, model or function"
          aria-describedby="run-search-hint"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <p id="run-search-hint" className="sr-only">
          Finds runs whose first message, run id (its channel id), engine, model or function names contain the text.
        </p>
      </form>
      {selects.map(({ name, label, allLabel, options }) => (
        <FilterSelect
          key={name}
          id={`${name}-filter`}
          label={label}
          value={filter[name]}
          options={options}
          allLabel={allLabel}
          // Each select offers only its own filter's values.
          onChange={(value) => onChange({ [name]: value } as Partial<RunListFilter>)}
        />
      ))}
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
  allLabel,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
  allLabel: string;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={INPUT_CLASSES}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">{allLabel}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}
