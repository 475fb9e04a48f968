import { publishRequestSchema } from '@/lib/dispatch/schema';
import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';

export const POST = apiRoute<{ channelId: string }>(async ({ request, params, runtime, owner }) => {
  const body = await readJsonBody(request, publishRequestSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  return json(await runtime.service.publishToChannel(params.channelId, body.message, owner));
});
