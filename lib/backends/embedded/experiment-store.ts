// Experiments in the embedded SQLite file, beside the runs (a second connection to the same WAL file).
// Every SQL statement about experiments is here; lib/experiments/store.ts is the interface.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  EXPERIMENT_STATUSES,
  type CellPatch,
  type CellStatus,
  type ExperimentCell,
  type ExperimentPatch,
  type ExperimentRecord,
  type ExperimentStatus,
  type InputRow,
} from '../../experiments/schema';
import { definedFields, type ExperimentStore } from '../../experiments/store';
import { openDatabase } from './database';
import { Statements } from './statements';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS experiments (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS experiments_by_owner ON experiments (owner, created_at DESC);
CREATE INDEX IF NOT EXISTS experiments_by_status ON experiments (status);
CREATE TABLE IF NOT EXISTS experiment_rows (
  experiment_id TEXT NOT NULL,
  row INTEGER NOT NULL,
  input TEXT NOT NULL,
  PRIMARY KEY (experiment_id, row)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS experiment_cells (
  experiment_id TEXT NOT NULL,
  row INTEGER NOT NULL,
  variant INTEGER NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (experiment_id, row, variant)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS experiment_cells_by_version ON experiment_cells (experiment_id, version);
CREATE INDEX IF NOT EXISTS experiment_cells_by_status ON experiment_cells (experiment_id, status, row, variant);
`;

const cellRow = z.object({ row: z.number(), variant: z.number(), version: z.number(), body: z.string() });
const experimentRow = z.object({ status: z.enum(EXPERIMENT_STATUSES), body: z.string() });
const inputRow = z.object({ input: z.string() });
const versionRow = z.object({ version: z.number() });

const toCell = (row: z.infer<typeof cellRow>): ExperimentCell => ({
  ...JSON.parse(row.body),
  row: row.row,
  variant: row.variant,
  version: row.version,
});

/** The experiment's mutable fields live in its JSON body; status also has a column for the index. */
function toExperiment(row: z.infer<typeof experimentRow>): ExperimentRecord {
  return { ...(JSON.parse(row.body) as ExperimentRecord), status: row.status };
}

function cellBody(cell: Omit<ExperimentCell, 'row' | 'variant' | 'version'>): string {
  return JSON.stringify(cell);
}

export class SqliteExperimentStore implements ExperimentStore {
  private readonly db: Database.Database;
  private readonly sql: Statements;

  constructor(file: string) {
    this.db = openDatabase(file, SCHEMA);
    this.sql = new Statements(this.db);
  }

  private selectExperiment(id: string) {
    return this.sql.query('SELECT status, body FROM experiments WHERE id = ?', experimentRow).get(id);
  }

  async createExperiment(experiment: ExperimentRecord, rows: InputRow[]): Promise<void> {
    const insertRow = this.sql.statement(
      'INSERT INTO experiment_rows (experiment_id, row, input) VALUES (?, ?, ?)',
    );
    const insertCell = this.sql.statement(
      `INSERT INTO experiment_cells (experiment_id, row, variant, status, version, body) VALUES (?, ?, ?, 'pending', ?, ?)`,
    );
    const pending = cellBody({ attempt: 0, status: 'pending' });
    // Cells start at versions 1…N, so reading "after 0" returns every one of them.
    this.db.transaction(() => {
      let version = 0;
      rows.forEach((input, index) => insertRow.run(experiment.id, index, JSON.stringify(input)));
      for (let row = 0; row < experiment.rowCount; row++)
        for (let variant = 0; variant < experiment.spec.variants.length; variant++)
          insertCell.run(experiment.id, row, variant, ++version, pending);
      this.sql
        .statement(
          'INSERT INTO experiments (id, owner, status, created_at, version, body) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          experiment.id,
          experiment.owner,
          experiment.status,
          experiment.createdAt,
          version,
          JSON.stringify(experiment),
        );
    })();
  }

  async getExperiment(id: string): Promise<ExperimentRecord | undefined> {
    const row = this.selectExperiment(id);
    return row && toExperiment(row);
  }

  async listExperiments(owner: string, limit: number): Promise<ExperimentRecord[]> {
    const rows = this.sql
      .query(
        'SELECT status, body FROM experiments WHERE owner = ? ORDER BY created_at DESC LIMIT ?',
        experimentRow,
      )
      .all(owner, limit);
    return rows.map(toExperiment);
  }

  async findExperimentsByStatus(status: ExperimentStatus): Promise<ExperimentRecord[]> {
    const rows = this.sql
      .query('SELECT status, body FROM experiments WHERE status = ? ORDER BY created_at', experimentRow)
      .all(status);
    return rows.map(toExperiment);
  }

  async updateExperiment(
    id: string,
    patch: ExperimentPatch,
  ): Promise<void> {
    this.db.transaction(() => {
      const current = this.selectExperiment(id);
      if (!current) return;
      const next = { ...toExperiment(current), ...patch };
      this.sql
        .statement('UPDATE experiments SET status = ?, body = ? WHERE id = ?')
        .run(next.status, JSON.stringify(next), id);
    })();
  }

  async readRows(id: string, rows: number[]): Promise<Map<number, InputRow>> {
    const select = this.sql.query(
      'SELECT input FROM experiment_rows WHERE experiment_id = ? AND row = ?',
      inputRow,
    );
    const found = new Map<number, InputRow>();
    for (const row of rows) {
      const hit = select.get(id, row);
      if (hit) found.set(row, JSON.parse(hit.input));
    }
    return found;
  }

  async readChangedCells(
    id: string,
    afterVersion: number,
  ): Promise<{ cells: ExperimentCell[]; version: number }> {
    return this.db.transaction(() => {
      const version =
        this.sql.query('SELECT version FROM experiments WHERE id = ?', versionRow).get(id)?.version ?? 0;
      const rows = this.sql
        .query(
          'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND version > ? ORDER BY version',
          cellRow,
        )
        .all(id, afterVersion);
      return { cells: rows.map(toCell), version };
    })();
  }

  async getCell(id: string, row: number, variant: number): Promise<ExperimentCell | undefined> {
    const found = this.selectCell(id, row, variant);
    return found && toCell(found);
  }

  private selectCell(id: string, row: number, variant: number) {
    return this.sql
      .query(
        'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND row = ? AND variant = ?',
        cellRow,
      )
      .get(id, row, variant);
  }

  async findCells(id: string, status: CellStatus, limit: number): Promise<ExperimentCell[]> {
    const rows = this.sql
      .query(
        'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND status = ? ORDER BY row, variant LIMIT ?',
        cellRow,
      )
      .all(id, status, limit);
    return rows.map(toCell);
  }

  async updateCell(
    id: string,
    row: number,
    variant: number,
    patch: CellPatch,
    mode: 'merge' | 'replace' = 'merge',
  ): Promise<void> {
    this.db.transaction(() => {
      const current = this.selectCell(id, row, variant);
      if (!current) return;
      const { row: _row, variant: _variant, version: _version, ...cell } = toCell(current);
      const next = mode === 'replace' ? (patch as typeof cell) : { ...cell, ...definedFields(patch) };
      const bumped = this.sql
        .query('UPDATE experiments SET version = version + 1 WHERE id = ? RETURNING version', versionRow)
        .get(id);
      if (!bumped) return;
      this.sql
        .statement(
          'UPDATE experiment_cells SET status = ?, version = ?, body = ? WHERE experiment_id = ? AND row = ? AND variant = ?',
        )
        .run(next.status, bumped.version, cellBody(next), id, row, variant);
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
