'use client';
// The runs as a table at desktop widths and as cards below `md` (one DOM: rows become wrapped flex
// cards). Live runs show their tokens so far and a ticking duration.
import { IntentLink } from '@/components/ui/intent-link';
import type { ReactNode, Ref } from 'react';
import { Button } from '@/components/ui/button';
import { formatDateTime, formatDuration, formatTimeLeft, runName } from '@/lib/client/format';
import type { RunActionKind } from '@/lib/client/run-actions';
import { useNow } from '@/lib/client/use-now';
import type { RunSummary } from '@/lib/runs/summary';
import { isEnded } from '@/lib/run-status';
import { RunStatusBadge } from './run-status-badge';
import { experimentPagePath, runPagePath } from '@/lib/client/page-paths';
import { cellOfAnyExperiment } from '@/lib/experiments/cell-request';
import { plainRunError } from '@/lib/client/run-story';
import { RetryLinks } from './retry-links';
import { TOKEN_MEANING } from '@/components/ui/plain-terms';

const HEADERS = ['Status', 'Run', 'Engine / model', 'Created', 'Duration', 'Tokens', 'Actions'];
const CELL = 'md:table-cell md:px-3 md:py-2 md:align-top';

export interface RunsTableProps {
  runs: RunSummary[];
  selected: ReadonlySet<string>;
  onToggle: (channelId: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  onAction: (kind: RunActionKind, runs: RunSummary[]) => void;
  /** What an empty list says, with the way on (clear the filters, or dispatch a first run). */
  emptyText: ReactNode;
  /** The table's name for a screen reader, e.g. "Runs, page 2, newest first". */
  caption: string;
  /** The table, which takes focus when another page of runs is shown. */
  tableRef?: Ref<HTMLTableElement>;
}

export const engineLabel = (run: Pick<RunSummary, 'engine' | 'model'>) =>
  run.model && run.model !== run.engine ? `${run.engine} / ${run.model}` : run.engine;

export function RunsTable({ runs, selected, onToggle, onToggleAll, onAction, emptyText, caption, tableRef }: RunsTableProps) {
  const now = useNow(
    1000,
    runs.some((run) => !isEnded(run.status)),
  );
  if (runs.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700">
        {emptyText}
      </p>
    );
  }
  const allSelected = runs.every((run) => selected.has(run.channelId));
  return (
    <div className="rounded-lg border border-zinc-200 md:overflow-x-auto dark:border-zinc-800">
      <table
        ref={tableRef}
        tabIndex={-1}
        className="block w-full text-left text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 md:table"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-zinc-50 text-xs tracking-wide text-zinc-500 uppercase md:table-header-group dark:bg-zinc-900">
          <tr>
            <th scope="col" className="w-8 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select every run on this page"
                checked={allSelected}
                onChange={(event) => onToggleAll(event.target.checked)}
                className="size-4 accent-indigo-600"
              />
            </th>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium">
                {header === 'Actions' ? <span className="sr-only">{header}</span> : header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block divide-y divide-zinc-200 md:table-row-group dark:divide-zinc-800">
          {runs.map((run) => (
            <RunRow
              key={run.channelId}
              run={run}
              now={now}
              selected={selected.has(run.channelId)}
              onToggle={onToggle}
              onAction={onAction}
            />
          ))}
        </tbody>
      </table>
      <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        Tokens: how much text a run’s reply has. {TOKEN_MEANING}
      </p>
    </div>
  );
}

function RunRow({
  run,
  now,
  selected,
  onToggle,
  onAction,
}: {
  run: RunSummary;
  now: number;
  selected: boolean;
  onToggle: RunsTableProps['onToggle'];
  onAction: RunsTableProps['onAction'];
}) {
  const ended = isEnded(run.status);
  const title = run.title || '(no user message)';
  // Runs often share a first message (a batch, a retry): the short run name, shown in the row, tells their
  // buttons apart for a screen reader.
  const named = `${title} (${runName(run.channelId)})`;
  const durationMs = ended ? run.durationMs : Math.max(0, now - run.createdAt);
  return (
    <tr
      data-channel-id={run.channelId}
      data-testid="run-row"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3 hover:bg-zinc-50 md:table-row md:p-0 dark:hover:bg-zinc-900/60"
    >
      <td className={`order-1 ${CELL}`}>
        {/* On a touch screen a finger-sized target around a larger box, without pushing the card's first line. */}
        <label className="inline-flex items-center justify-center pointer-coarse:-m-2.5 pointer-coarse:size-11">
          <input
            type="checkbox"
            aria-label={`Select run: ${named}`}
            checked={selected}
            onChange={(event) => onToggle(run.channelId, event.target.checked)}
            className="size-4 accent-indigo-600 pointer-coarse:size-6"
          />
        </label>
      </td>
      <td className={`order-2 ${CELL}`}>
        <RunStatusBadge status={run.status} />
      </td>
      {/* min-w-0: as a card's flex item the cell would otherwise grow to its title and push the page sideways. */}
      <td className={`order-4 min-w-0 basis-full md:max-w-md ${CELL}`}>
        <IntentLink
          href={runPagePath(run.channelId)}
          className="block truncate font-medium text-indigo-700 hover:underline pointer-coarse:py-3 dark:text-indigo-300"
        >
          {title}
        </IntentLink>
        <RunDistinctions run={run} now={now} />
      </td>
      <td className={`order-5 font-mono text-xs ${CELL}`}>{engineLabel(run)}</td>
      <td className={`order-6 whitespace-nowrap text-zinc-600 dark:text-zinc-400 ${CELL}`}>
        {formatDateTime(run.createdAt)}
      </td>
      <td className={`order-7 whitespace-nowrap tabular-nums ${CELL}`} data-testid="run-duration">
        <span className="text-zinc-500 md:hidden">Duration </span>
        {formatDuration(durationMs)}
      </td>
      <td className={`order-8 whitespace-nowrap tabular-nums ${CELL}`} data-testid="run-tokens">
        <span className="text-zinc-500 md:hidden">Tokens </span>
        {run.outputTokens.toLocaleString()}
      </td>
      <td className={`order-3 ml-auto ${CELL}`}>
        {ended ? (
          <Button size="sm" onClick={() => onAction('retry', [run])} aria-label={`Retry run: ${named}`}>
            Retry
          </Button>
        ) : (
          <Button size="sm" onClick={() => onAction('cancel', [run])} aria-label={`Cancel run: ${named}`}>
            Cancel
          </Button>
        )}
      </td>
    </tr>
  );
}

/**
 * A second line that tells similar runs apart (its short id, the functions it can call), its retries as links, how long a
 * waiting run has left to be answered, and why a run failed on lines of their own: cut to one line they could not be read
 * on a phone.
 */
function RunDistinctions({ run, now }: { run: RunSummary; now: number }) {
  const parts = [runName(run.channelId)];
  if (run.functionNames.length > 0) parts.push(`Can call: ${run.functionNames.join(', ')}`);
  return (
    <>
      <p
        className="truncate text-xs text-zinc-500 dark:text-zinc-400"
        data-testid="run-distinctions"
      >
        {parts.join(' · ')}
      </p>
      <RetryLinks run={run} className="text-xs" />
      <ExperimentOfRun channelId={run.channelId} />
      {run.status === 'waiting' && run.answerDueAt !== undefined ? (
        <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="run-answer-due">
          Needs an answer within {formatTimeLeft(run.answerDueAt - now)}, or it stops
        </p>
      ) : null}
      {run.status === 'failed' && run.error ? (
        <p
          className="text-xs break-words text-red-700 dark:text-red-300"
          data-testid="run-failure"
          title={plainRunError(run.error).known ? run.error : undefined}
        >
          {plainRunError(run.error).text}
        </p>
      ) : null}
    </>
  );
}

/** A run an experiment sent says so, with a link to it: cancelling it stops that experiment's cell. */
function ExperimentOfRun({ channelId }: { channelId: string }) {
  const cell = cellOfAnyExperiment(channelId);
  if (!cell) return null;
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="run-experiment">
      <IntentLink href={experimentPagePath(cell.experimentId)} className="text-indigo-700 underline dark:text-indigo-300">
        Part of an experiment
      </IntentLink>{' '}
      (input {cell.row + 1}, variant {cell.variant + 1})
    </p>
  );
}
