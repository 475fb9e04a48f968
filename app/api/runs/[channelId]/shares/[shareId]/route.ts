import { apiRoute, json } from '@/lib/http/api-route';
import { revokeShare } from '@/lib/share/shares';

export const DELETE = apiRoute<{ channelId: string; shareId: string }>(async ({ params, runtime, owner }) => {
  await revokeShare(runtime, owner, params.channelId, params.shareId);
  return json({ revoked: true });
});
