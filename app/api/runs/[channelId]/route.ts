import { apiRoute, json } from '@/lib/http/api-route';
import { redactRequest } from '@/lib/secrets/redact';
import { summarizeRun } from '@/lib/runs/summary';
import { otherMethods } from '@/lib/http/other-methods';

/**
 * The run, its request and zone. `?fields=run` leaves the request out: a page polling a live run's
 * status does not make the server read, parse, redact and send a request of up to ~3 MB every second.
 */
export const GET = apiRoute<{ channelId: string }>(async ({ request, params, runtime, owner }) => {
  const run = await runtime.service.getOwnedRun(params.channelId, owner);
  if (new URL(request.url).searchParams.get('fields') === 'run') {
    return json({ run: summarizeRun(run), timezone: run.timezone });
  }
  return json({
    run: summarizeRun(run),
    request: redactRequest(run.request),
    timezone: run.timezone,
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
