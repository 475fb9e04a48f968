import { json } from '@/lib/http/api-route';
import { redactRequest } from '@/lib/secrets/redact';
import { summarizeRun } from '@/lib/runs/summary';
import { sharedRequestOf, type SharedRunDetail } from '@/lib/share/share-schema';
import { shareRoute } from '@/lib/share/share-route';

export const GET = shareRoute(async ({ shared }) => {
  const { retryOf: _retryOf, ...run } = summarizeRun(shared.run);
  const detail: SharedRunDetail = {
    run,
    request: sharedRequestOf(redactRequest(shared.run.request)),
    allowAnswer: shared.grant.allowAnswer,
    expiresAt: shared.grant.expiresAt,
  };
  return json(detail);
});
