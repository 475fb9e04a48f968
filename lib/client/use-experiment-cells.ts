'use client';
// useExperimentCells(source): the experiment's grid, kept up to date by asking only for cells changed
// since the last answer (the server's change version). The page re-renders once per answer, not per
// cell, so a 2,000-cell grid filling up stays cheap.
import { useEffect, useState } from 'react';
import type { CellStatus } from '../experiments/schema';
import type { CellSummary, ExperimentSource } from './experiments-api';

export const CELLS_POLL_MS = 1_000;

export const cellKey = (row: number, variant: number) => `${row}:${variant}`;

export interface ExperimentCells {
  /** Cells by `row:variant`. */
  cells: ReadonlyMap<string, CellSummary>;
  counts: Record<CellStatus, number>;
  loaded: boolean;
  /** Bumped on every change, for memoised views. */
  revision: number;
}

const emptyCounts = (): Record<CellStatus, number> => ({
  pending: 0,
  running: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
});
const INITIAL: ExperimentCells = { cells: new Map(), counts: emptyCounts(), loaded: false, revision: 0 };

function applyChanges(previous: ExperimentCells, changed: CellSummary[]): ExperimentCells {
  const cells = new Map(previous.cells);
  for (const cell of changed) cells.set(cellKey(cell.row, cell.variant), cell);
  const counts = emptyCounts();
  for (const cell of cells.values()) counts[cell.status] += 1;
  return { cells, counts, loaded: true, revision: previous.revision + 1 };
}

/**
 * `live` keeps polling (the experiment is running); false loads once; undefined waits (the experiment
 * itself is still loading), so the grid is not fetched twice on opening.
 */
export function useExperimentCells(source: ExperimentSource, live: boolean | undefined): ExperimentCells {
  const [state, setState] = useState<ExperimentCells>(INITIAL);

  useEffect(() => {
    if (live === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let version = 0;
    let first = true;
    const poll = async () => {
      try {
        const answer = await source.changedCells(version);
        if (stopped) return;
        version = answer.version;
        if (answer.cells.length > 0 || first) setState((previous) => applyChanges(previous, answer.cells));
        first = false;
      } catch {
        // A failed poll is tried again on the next tick; the grid keeps what it has.
      }
      if (!stopped && live) timer = setTimeout(poll, CELLS_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [source, live]);

  return state;
}
