import { answerRequestSchema } from '@/lib/dispatch/schema';
import { ApiError } from '@/lib/errors';
import { json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { sharedRunRoute } from '@/lib/share/share-route';
import { otherMethods } from '@/lib/http/other-methods';

/** Answers the shared run's waiting function, only when the sharer ticked "allow answering". */
export const POST = sharedRunRoute(async ({ request, runtime, shared }) => {
  if (!shared.grant.allowAnswer)
    throw new ApiError('FORBIDDEN', 'This share link is read-only: it does not allow answering.');
  const body = await readJsonBody(request, answerRequestSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  return json(
    await runtime.service.answerRun(shared.run.channelId, body.channel, body.message, shared.run.owner),
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
