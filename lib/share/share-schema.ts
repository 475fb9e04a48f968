// Bodies of the share endpoints, and what a share link shows of its run or experiment.
import { z } from 'zod';
import type { DispatchRequest } from '../dispatch/schema';
import type { ExperimentPageView } from '../experiments/view';
import type { RunSummary } from '../runs/summary';
import { MAX_SHARE_MS } from './share-store';

export const createShareSchema = z.strictObject({
  /** How long the link works; 24 hours when left out. */
  expiresInSeconds: z
    .number()
    .int()
    .min(1)
    .max(MAX_SHARE_MS / 1000, 'At most 30 days')
    .optional(),
  allowAnswer: z.boolean().default(false),
});

/** The request as a share link shows it: the conversation and the functions' descriptions, nothing else. */
export type SharedRequest = Pick<DispatchRequest, 'messages' | 'functions'>;

/** A run as a link shows it (also each run of a shared experiment). */
export type SharedRunSummary = Omit<RunSummary, 'retryOf' | 'retriedAs'>;

export interface SharedRunDetail {
  kind: 'run';
  run: SharedRunSummary;
  request: SharedRequest;
  allowAnswer: boolean;
  expiresAt: number;
}

export function sharedRequestOf(request: DispatchRequest): SharedRequest {
  return {
    messages: request.messages,
    functions: request.functions?.map(({ name, description, parameters }) => ({
      name,
      description,
      parameters,
    })),
  };
}

export interface SharedExperimentDetail {
  kind: 'experiment';
  experiment: ExperimentPageView;
  expiresAt: number;
}

/** What GET /api/share/{token} answers. */
export type SharedDetail = SharedRunDetail | SharedExperimentDetail;

export function sharedRunSummary(run: RunSummary): SharedRunSummary {
  const { retryOf: _retryOf, retriedAs: _retriedAs, ...shown } = run;
  return shown;
}
