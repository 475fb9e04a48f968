import { answerRequestSchema } from '@/lib/dispatch/schema';
import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { otherMethods } from '@/lib/http/other-methods';

/** Answers the function a run waits on, for that run only (a public publish would wake every waiter). */
export const POST = apiRoute<{ channelId: string }>(async ({ request, params, runtime, owner }) => {
  const body = await readJsonBody(request, answerRequestSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  return json(await runtime.service.answerRun(params.channelId, body.channel, body.message, owner));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
