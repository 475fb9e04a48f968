// Browser-side calls to the experiments API (same error handling as every other call: apiFetch).
import type { DispatchRequest } from '../dispatch/schema';
import type { CreateExperimentBody, VerdictPatch } from '../experiments/schema';
import type { CellSummary } from '../experiments/service';
import type { ExperimentView } from '../experiments/view';
import { apiFetch } from './api';

export type { CellSummary, ExperimentView };

const experimentPath = (id: string) => `/api/experiments/${encodeURIComponent(id)}`;

export const createExperiment = (body: CreateExperimentBody, timezone?: string) =>
  apiFetch<{ experiment: ExperimentView }>('/api/experiments', {
    json: body,
    headers: timezone ? { 'x-timezone': timezone } : undefined,
  });

export const listExperiments = () => apiFetch<{ items: ExperimentView[] }>('/api/experiments');

export const getExperiment = (id: string) => apiFetch<{ experiment: ExperimentView }>(experimentPath(id));

export const getChangedCells = (id: string, after: number) =>
  apiFetch<{ cells: CellSummary[]; version: number }>(`${experimentPath(id)}/cells?after=${after}`);

export const getInputTexts = (id: string) => apiFetch<{ inputs: string[] }>(`${experimentPath(id)}/inputs`);

export const setVerdict = (id: string, patch: VerdictPatch) =>
  apiFetch<{ experiment: ExperimentView }>(experimentPath(id), { method: 'PATCH', json: patch });

export const cancelExperiment = (id: string) =>
  apiFetch<{ experiment: ExperimentView }>(`${experimentPath(id)}/cancel`, { method: 'POST' });

export const retryFailedCells = (id: string) =>
  apiFetch<{ retried: number }>(`${experimentPath(id)}/retry`, { method: 'POST' });

export const exportUrl = (id: string, format: 'csv' | 'jsonl') =>
  `${experimentPath(id)}/export?format=${format}`;

// The builder's "Compare" hands its request to /experiments/new through one localStorage key.
const EXPERIMENT_HANDOFF_KEY = 'dispatch-studio.experiment.request';

export function handOffToExperiment(request: DispatchRequest): void {
  localStorage.setItem(EXPERIMENT_HANDOFF_KEY, JSON.stringify(request));
}

/** The request handed over by the builder as stored text, or null (kept, so a reload still has it). */
export const readExperimentHandoffText = (): string | null => localStorage.getItem(EXPERIMENT_HANDOFF_KEY);

export function parseExperimentHandoff(stored: string | null): unknown {
  if (stored === null) return undefined;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return undefined;
  }
}
