import { subscribeRequestSchema } from '@/lib/dispatch/schema';
import { apiRoute } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { JSONL_HEADERS } from '@/lib/http/jsonl';

export const POST = apiRoute<{ channelId: string }>(async ({ request, params, runtime, owner }) => {
  const start = await readJsonBody(request, subscribeRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    allowEmpty: true,
  });
  const stream = await runtime.service.subscribeChannel(params.channelId, owner, start);
  return new Response(stream, { headers: JSONL_HEADERS });
});
