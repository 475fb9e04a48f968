// Where experiments live: one small interface with an SQLite and a Redis implementation beside the run
// store of the same backend. A cell links to its run by channel id and keeps a copy of the outcome, so
// an experiment's grid outlives the retention of its runs.
import type {
  CellPatch,
  CellStatus,
  ExperimentCell,
  ExperimentPatch,
  ExperimentRecord,
  ExperimentStatus,
  InputRow,
} from './schema';

export interface ExperimentStore {
  /** Stores the experiment, its input rows, and one pending cell per row × variant. */
  createExperiment(experiment: ExperimentRecord, rows: InputRow[]): Promise<void>;
  getExperiment(id: string): Promise<ExperimentRecord | undefined>;
  /** The owner's experiments, newest first. */
  listExperiments(owner: string, limit: number): Promise<ExperimentRecord[]>;
  findExperimentsByStatus(status: ExperimentStatus): Promise<ExperimentRecord[]>;
  updateExperiment(id: string, patch: ExperimentPatch): Promise<void>;
  /** Input rows by index (rows not found are left out). */
  readRows(id: string, rows: number[]): Promise<Map<number, InputRow>>;
  /** Cells changed after `afterVersion` (0: every cell), and the version to ask after next time. */
  readChangedCells(id: string, afterVersion: number): Promise<{ cells: ExperimentCell[]; version: number }>;
  getCell(id: string, row: number, variant: number): Promise<ExperimentCell | undefined>;
  /** Cells in one status in row, variant order, at most `limit`. */
  findCells(id: string, status: CellStatus, limit: number): Promise<ExperimentCell[]>;
  /**
   * Merges the patch into the cell (undefined fields are kept) and gives it the next version; with
   * `replace`, the patch becomes the whole cell (a retried cell forgets its last outcome).
   */
  updateCell(
    id: string,
    row: number,
    variant: number,
    patch: CellPatch,
    mode?: 'merge' | 'replace',
  ): Promise<void>;
  close(): Promise<void>;
}

/** A patch without its undefined fields, so merging it keeps what it does not mention. */
export function definedFields(patch: CellPatch): CellPatch {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) result[key] = value;
  return result as CellPatch;
}
