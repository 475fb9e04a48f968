import { apiRoute, json } from '@/lib/http/api-route';
import { redactRequest } from '@/lib/secrets/redact';
import { summarizeRun } from '@/lib/runs/summary';

export const GET = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) => {
  const run = await runtime.service.getOwnedRun(params.channelId, owner);
  return json({
    run: summarizeRun(run),
    request: redactRequest(run.request),
    timezone: run.timezone,
  });
});
