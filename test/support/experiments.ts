// Helpers for the experiments API: create one, and poll its cells until a condition holds.
import type { CellSummary } from '@/lib/experiments/service';
import type { ExperimentView } from '@/lib/experiments/view';
import { postJson } from './api-client';

export async function createExperiment(baseUrl: string, body: unknown): Promise<ExperimentView> {
  const response = await postJson(`${baseUrl}/api/experiments`, body);
  if (response.status !== 201)
    throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { experiment: ExperimentView }).experiment;
}

export async function readCells(baseUrl: string, id: string): Promise<CellSummary[]> {
  const response = await fetch(`${baseUrl}/api/experiments/${id}/cells?after=0`);
  if (!response.ok) throw new Error(`cells answered ${response.status}`);
  const { cells } = (await response.json()) as { cells: CellSummary[] };
  return cells.sort((a, b) => a.row - b.row || a.variant - b.variant);
}

export async function getExperiment(baseUrl: string, id: string): Promise<ExperimentView> {
  const response = await fetch(`${baseUrl}/api/experiments/${id}`);
  return ((await response.json()) as { experiment: ExperimentView }).experiment;
}

/** Polls the cells until `done` holds for them (or the deadline passes, then fails with the last cells). */
export async function waitForCells(
  baseUrl: string,
  id: string,
  done: (cells: CellSummary[]) => boolean,
  timeoutMs = 60_000,
): Promise<CellSummary[]> {
  const deadline = Date.now() + timeoutMs;
  let cells: CellSummary[] = [];
  while (Date.now() < deadline) {
    cells = await readCells(baseUrl, id);
    if (done(cells)) return cells;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `cells did not reach the condition in time: ${JSON.stringify(cells.map((cell) => cell.status))}`,
  );
}

export const allEnded = (cells: CellSummary[]) =>
  cells.length > 0 && cells.every((cell) => ['completed', 'failed', 'cancelled'].includes(cell.status));
