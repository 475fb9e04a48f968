import { apiRoute, json } from '@/lib/http/api-route';
import { readJsonBody } from '@/lib/http/body';
import { createShareSchema } from '@/lib/share/share-schema';
import { createShare, listShares } from '@/lib/share/shares';

export const GET = apiRoute<{ channelId: string }>(async ({ params, runtime, owner }) =>
  json({ shares: await listShares(runtime, owner, params.channelId) }),
);

export const POST = apiRoute<{ channelId: string }>(async ({ request, params, runtime, owner }) => {
  const body = await readJsonBody(request, createShareSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    allowEmpty: true,
  });
  return json({ share: await createShare(runtime, owner, params.channelId, body) });
});
