// An experiment as the dashboard sees it: no owner, and the base request with secrets replaced as in
// the runs API (configured secrets and skillset secretIds never leave the server).
import { configuredSecrets, redactRequest, secretScrubber } from '../secrets/redact';
import type { ExperimentRecord } from './schema';

export type ExperimentView = Omit<ExperimentRecord, 'owner'>;

export function experimentView(
  { owner: _owner, ...experiment }: ExperimentRecord,
  config: Parameters<typeof configuredSecrets>[0],
): ExperimentView {
  const secrets = configuredSecrets(config);
  const scrub = secretScrubber(secrets);
  return {
    ...experiment,
    name: scrub(experiment.name),
    spec: {
      ...experiment.spec,
      request: redactRequest(experiment.spec.request, secrets),
      variants: experiment.spec.variants.map((variant) => ({
        ...variant,
        backstory: variant.backstory === undefined ? undefined : scrub(variant.backstory),
      })),
    },
    bestVariant: experiment.bestVariant ?? undefined,
  };
}
