import { sharedExperimentView } from '@/lib/experiments/view';
import { json } from '@/lib/http/api-route';
import { summarizeRun } from '@/lib/runs/summary';
import { redactRequest } from '@/lib/secrets/redact';
import { sharedRequestOf, sharedRunSummary, type SharedDetail } from '@/lib/share/share-schema';
import { shareRoute } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = shareRoute(async ({ shared }) => {
  const { expiresAt, allowAnswer } = shared.grant;
  const detail: SharedDetail =
    shared.kind === 'run'
      ? {
          kind: 'run',
          run: sharedRunSummary(summarizeRun(shared.run)),
          request: sharedRequestOf(redactRequest(shared.run.request)),
          allowAnswer,
          expiresAt,
        }
      : { kind: 'experiment', experiment: sharedExperimentView(shared.experiment), expiresAt };
  return json(detail);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
