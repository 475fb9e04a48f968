// An experiment as the dashboard sees it: no owner, and the base request as the runs API shows one
// (skillset secretIds masked; the tenant's own text shown as sent, never compared with server secrets,
// so the view cannot be used to test a guess against them — see lib/secrets/redact.ts).
import { redactRequest } from '../secrets/redact';
import type { ExperimentRecord } from './schema';

export type ExperimentView = Omit<ExperimentRecord, 'owner'>;

export function experimentView({ owner: _owner, ...experiment }: ExperimentRecord): ExperimentView {
  return {
    ...experiment,
    spec: { ...experiment.spec, request: redactRequest(experiment.spec.request) },
    bestVariant: experiment.bestVariant ?? undefined,
  };
}
