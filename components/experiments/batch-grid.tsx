'use client';
// The batch grid: a row per input, a column per variant, each cell the answer's opening and its
// status. Only the rows in view are in the DOM (@tanstack/react-virtual), with one fixed row height,
// so a 1,000-row grid filling up costs the same as a 20-row one.
import { useVirtualizer } from '@tanstack/react-virtual';
import { IntentLink } from '@/components/ui/intent-link';
import { useRef } from 'react';
import type { CellSummary, ExperimentPageView, ExperimentSource } from '@/lib/client/experiments-api';
import { cellKey, type ExperimentCells } from '@/lib/client/use-experiment-cells';
import { useOverflowsSideways } from '@/lib/client/use-overflows-sideways';
import { plainRunError } from '@/lib/client/run-story';
import { CELL_STATUS_LOOK } from './cell-status';

/** The status line and two lines of an answer. */
const ROW_HEIGHT = 68;
const OVERSCAN = 8;

const DOT_CLASSES: Record<CellSummary['status'], string> = {
  pending: 'bg-zinc-300 dark:bg-zinc-600',
  running: 'bg-sky-500 animate-pulse',
  completed: 'bg-emerald-500',
  failed: 'bg-red-500',
  cancelled: 'bg-zinc-400',
};

interface BatchGridProps {
  experiment: ExperimentPageView;
  cells: ExperimentCells;
  inputs: string[] | undefined;
  source: ExperimentSource;
}

export function BatchGrid({ experiment, cells, inputs, source }: BatchGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const variants = experiment.spec.variants;
  // Fixed sizes: nothing to measure, so filling cells never forces a layout of other rows.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoised by the compiler; fine here
  const virtualizer = useVirtualizer({
    count: experiment.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const template = `3rem minmax(9rem, 1.2fr) repeat(${variants.length}, minmax(11rem, 1fr))`;
  const minWidth = `${3 + 9 + variants.length * 11}rem`;
  const sideways = useOverflowsSideways(scroller);
  return (
    <>
      {sideways ? (
        <p className="text-xs text-zinc-700 dark:text-zinc-300">
          Scroll the grid sideways to see every variant ({variants.length} in all).
        </p>
      ) : null}
      <div
        ref={scroller}
        role="table"
        aria-label="Answers by input and variant"
        aria-rowcount={experiment.rowCount + 1}
        data-testid="batch-grid"
        tabIndex={0}
        className="max-h-[60vh] overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
      >
        <div style={{ minWidth }}>
          <div
            role="row"
            aria-rowindex={1}
            className="sticky top-0 z-10 grid border-b border-zinc-200 bg-zinc-50 text-xs font-semibold dark:border-zinc-800 dark:bg-zinc-900"
            style={{ gridTemplateColumns: template }}
          >
            <div role="columnheader" className="px-2 py-2">
              #
            </div>
            <div role="columnheader" className="px-2 py-2">
              Input
            </div>
            {variants.map((variant, index) => (
              <div key={index} role="columnheader" className="truncate px-2 py-2">
                {variant.label}
              </div>
            ))}
          </div>
          <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-row={item.index}
                className="absolute inset-x-0 top-0 grid border-b border-zinc-100 text-sm dark:border-zinc-800/60"
                style={{
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  gridTemplateColumns: template,
                }}
              >
                <div role="cell" className="px-2 py-1 text-xs text-zinc-500 tabular-nums">
                  {item.index + 1}
                </div>
                {/* Two lines fit the row: on a phone one line cut "Where is order 10…" the same in every row.
                    The clamp is on the text, not the cell: the cell is stretched to the row's height, and a
                    clamped box that tall showed the top of a third line. */}
                <div role="cell" className="px-2 py-1" title={inputs?.[item.index]}>
                  <span className="line-clamp-2 break-words">{inputs?.[item.index] ?? '…'}</span>
                </div>
                {variants.map((variant, variantIndex) => (
                  <GridCell
                    key={variantIndex}
                    cell={cells.cells.get(cellKey(item.index, variantIndex))}
                    variant={variant.label}
                    source={source}
                  />
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </>
  );
}

function GridCell({
  cell,
  variant,
  source,
}: {
  cell?: CellSummary;
  variant: string;
  source: ExperimentSource;
}) {
  const status = cell?.status ?? 'pending';
  const runHref = cell?.channelId ? source.runHref(cell.channelId) : undefined;
  const look = CELL_STATUS_LOOK[status];
  const text = cell?.firstLine || (cell?.error ? plainRunError(cell.error).text : '');
  const content = (
    <>
      {/* Said before what is seen (not an aria-label in its place): a name that contains the visible words
          is one a voice-control user can say (WCAG 2.5.3). */}
      <span className="sr-only">{variant}: </span>
      <span className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${DOT_CLASSES[status]}`} />
        <span data-testid="cell-status" data-status={status}>
          {look.label}
        </span>
      </span>
      {/* Two lines, as the input's: at a phone's width one line held a few words, the same in every cell. */}
      <span className="line-clamp-2 break-words">{text}</span>
    </>
  );
  return (
    <div role="cell" className="min-w-0 px-2 py-1" data-testid="grid-cell">
      {runHref ? (
        <IntentLink
          // Fetched ahead only when reached for: a screenful of cells would fetch dozens of run pages nobody opened.
          href={runHref}
          className="block min-w-0 rounded hover:bg-zinc-50 pointer-coarse:min-h-11 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-900"
        >
          {content}
        </IntentLink>
      ) : (
        content
      )}
    </div>
  );
}
