// Experiments in the embedded SQLite file, beside the runs (a second connection to the same WAL file).
// Every SQL statement about experiments is here; lib/experiments/store.ts is the interface.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  CellPatch,
  CellStatus,
  ExperimentCell,
  ExperimentRecord,
  ExperimentStatus,
  InputRow,
} from '../../experiments/schema';
import { definedFields, type ExperimentStore } from '../../experiments/store';

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

interface CellRow {
  row: number;
  variant: number;
  version: number;
  body: string;
}

const toCell = (row: CellRow): ExperimentCell => ({
  ...JSON.parse(row.body),
  row: row.row,
  variant: row.variant,
  version: row.version,
});

/** The experiment's mutable fields live in its JSON body; status also has a column for the index. */
function toExperiment(row: { body: string; status: ExperimentStatus }): ExperimentRecord {
  return { ...(JSON.parse(row.body) as ExperimentRecord), status: row.status };
}

function cellBody(cell: Omit<ExperimentCell, 'row' | 'variant' | 'version'>): string {
  return JSON.stringify(cell);
}

export class SqliteExperimentStore implements ExperimentStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  async createExperiment(experiment: ExperimentRecord, rows: InputRow[]): Promise<void> {
    const insertRow = this.db.prepare(
      'INSERT INTO experiment_rows (experiment_id, row, input) VALUES (?, ?, ?)',
    );
    const insertCell = this.db.prepare(
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
      this.db
        .prepare(
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
    const row = this.db.prepare('SELECT status, body FROM experiments WHERE id = ?').get(id) as
      { body: string; status: ExperimentStatus } | undefined;
    return row && toExperiment(row);
  }

  async listExperiments(owner: string, limit: number): Promise<ExperimentRecord[]> {
    const rows = this.db
      .prepare('SELECT status, body FROM experiments WHERE owner = ? ORDER BY created_at DESC LIMIT ?')
      .all(owner, limit) as { body: string; status: ExperimentStatus }[];
    return rows.map(toExperiment);
  }

  async findExperimentsByStatus(status: ExperimentStatus): Promise<ExperimentRecord[]> {
    const rows = this.db
      .prepare('SELECT status, body FROM experiments WHERE status = ? ORDER BY created_at')
      .all(status) as { body: string; status: ExperimentStatus }[];
    return rows.map(toExperiment);
  }

  async updateExperiment(
    id: string,
    patch: Partial<Pick<ExperimentRecord, 'status' | 'bestVariant' | 'note'>>,
  ): Promise<void> {
    this.db.transaction(() => {
      const current = this.db.prepare('SELECT status, body FROM experiments WHERE id = ?').get(id) as
        { body: string; status: ExperimentStatus } | undefined;
      if (!current) return;
      const next = { ...toExperiment(current), ...patch };
      this.db
        .prepare('UPDATE experiments SET status = ?, body = ? WHERE id = ?')
        .run(next.status, JSON.stringify(next), id);
    })();
  }

  async readRows(id: string, rows: number[]): Promise<Map<number, InputRow>> {
    const select = this.db.prepare('SELECT input FROM experiment_rows WHERE experiment_id = ? AND row = ?');
    const found = new Map<number, InputRow>();
    for (const row of rows) {
      const hit = select.get(id, row) as { input: string } | undefined;
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
        (
          this.db.prepare('SELECT version FROM experiments WHERE id = ?').get(id) as
            { version: number } | undefined
        )?.version ?? 0;
      const rows = this.db
        .prepare(
          'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND version > ? ORDER BY version',
        )
        .all(id, afterVersion) as CellRow[];
      return { cells: rows.map(toCell), version };
    })();
  }

  async getCell(id: string, row: number, variant: number): Promise<ExperimentCell | undefined> {
    const found = this.selectCell(id, row, variant);
    return found && toCell(found);
  }

  private selectCell(id: string, row: number, variant: number): CellRow | undefined {
    return this.db
      .prepare(
        'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND row = ? AND variant = ?',
      )
      .get(id, row, variant) as CellRow | undefined;
  }

  async findCells(id: string, status: CellStatus, limit: number): Promise<ExperimentCell[]> {
    const rows = this.db
      .prepare(
        'SELECT row, variant, version, body FROM experiment_cells WHERE experiment_id = ? AND status = ? ORDER BY row, variant LIMIT ?',
      )
      .all(id, status, limit) as CellRow[];
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
      const version = (
        this.db
          .prepare('UPDATE experiments SET version = version + 1 WHERE id = ? RETURNING version')
          .get(id) as {
          version: number;
        }
      ).version;
      this.db
        .prepare(
          'UPDATE experiment_cells SET status = ?, version = ?, body = ? WHERE experiment_id = ? AND row = ? AND variant = ?',
        )
        .run(next.status, version, cellBody(next), id, row, variant);
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
