// Browser-side calls to the experiments API (same error handling as every other call: apiFetch).
import type { DispatchRequest } from '../dispatch/schema';
import type { CreateExperimentBody, VerdictPatch } from '../experiments/schema';
import type { CellSummary } from '../experiments/service';
import type { ExperimentPageView, ExperimentView } from '../experiments/view';
import type { SharedRunSummary } from '../share/share-schema';
import { apiFetch, getRunStatus, sharePath } from './api';
import { queryKeys } from './keys';
import { channelSubscribeUrl } from './use-channel';
import { runPagePath } from './page-paths';

export type { CellSummary, ExperimentPageView, ExperimentView };

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

/** Marks the best variant or keeps a note; `keepalive` lets the request outlive a page being left. */
export const setVerdict = (id: string, patch: VerdictPatch, { keepalive = false } = {}) =>
  apiFetch<{ experiment: ExperimentView }>(experimentPath(id), { method: 'PATCH', json: patch, keepalive });

export const cancelExperiment = (id: string) =>
  apiFetch<{ experiment: ExperimentView }>(`${experimentPath(id)}/cancel`, { method: 'POST' });

export const retryFailedCells = (id: string) =>
  apiFetch<{ retried: number }>(`${experimentPath(id)}/retry`, { method: 'POST' });

export const exportUrl = (id: string, format: 'csv' | 'jsonl') =>
  `${experimentPath(id)}/export?format=${format}`;

/**
 * Where the experiment page reads from: the owner's API, or a share link's. A link's viewer watches
 * only: no actions, and no page of a cell's run to open.
 */
export interface ExperimentSource {
  canAct: boolean;
  changedCells(after: number): Promise<{ cells: CellSummary[]; version: number }>;
  inputsKey: readonly unknown[];
  inputTexts(): Promise<{ inputs: string[] }>;
  runKey(channelId: string): readonly unknown[];
  runSummary(channelId: string): Promise<{ run: SharedRunSummary }>;
  subscribeUrl(channelId: string): string;
  /** The page a cell's run opens in, for a viewer who may open it. */
  runHref(channelId: string): string | undefined;
}

export const ownerExperimentSource = (id: string): ExperimentSource => ({
  canAct: true,
  changedCells: (after) => getChangedCells(id, after),
  inputsKey: queryKeys.experiments.inputs(id),
  inputTexts: () => getInputTexts(id),
  // The column polls the run's status: without its request, which can be MBs.
  runKey: (channelId) => queryKeys.runs.status(channelId),
  runSummary: getRunStatus,
  subscribeUrl: channelSubscribeUrl,
  runHref: runPagePath,
});

export function sharedExperimentSource(token: string): ExperimentSource {
  const runPath = (channelId: string) => `${sharePath(token)}/runs/${encodeURIComponent(channelId)}`;
  return {
    canAct: false,
    changedCells: (after) =>
      apiFetch<{ cells: CellSummary[]; version: number }>(`${sharePath(token)}/cells?after=${after}`),
    inputsKey: queryKeys.shared.inputs(token),
    inputTexts: () => apiFetch<{ inputs: string[] }>(`${sharePath(token)}/inputs`),
    runKey: (channelId) => queryKeys.shared.run(token, channelId),
    runSummary: (channelId) => apiFetch<{ run: SharedRunSummary }>(runPath(channelId)),
    subscribeUrl: (channelId) => `${runPath(channelId)}/subscribe`,
    runHref: () => undefined,
  };
}

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
