import { subscribeRequestSchema } from '@/lib/dispatch/schema';
import { readJsonBody } from '@/lib/http/body';
import { JSONL_HEADERS } from '@/lib/http/jsonl';
import { shareRoute } from '@/lib/share/share-route';

export const POST = shareRoute(async ({ request, runtime, shared }) => {
  const start = await readJsonBody(request, subscribeRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    allowEmpty: true,
  });
  const stream = await runtime.service.subscribeChannel(shared.run.channelId, shared.run.owner, start);
  return new Response(stream, { headers: JSONL_HEADERS });
});
