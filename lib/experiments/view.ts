// An experiment as the dashboard sees it: no owner, and the base request with secrets replaced as in
// the runs API (configured secrets and skillset secretIds never leave the server).
import { configuredSecrets, redactRequest } from '../runs/redact';
import type { ExperimentRecord } from './schema';

export type ExperimentView = Omit<ExperimentRecord, 'owner'>;

export function experimentView(
  { owner: _owner, ...experiment }: ExperimentRecord,
  config: Parameters<typeof configuredSecrets>[0],
): ExperimentView {
  return {
    ...experiment,
    spec: { ...experiment.spec, request: redactRequest(experiment.spec.request, configuredSecrets(config)) },
    bestVariant: experiment.bestVariant ?? undefined,
  };
}
