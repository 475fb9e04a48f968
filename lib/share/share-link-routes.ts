// The owner's endpoints for the share links of a run (/api/runs/{channelId}/shares) and of an
// experiment (/api/experiments/{id}/shares): list, create, revoke. One implementation for both kinds.
import { apiRoute, json } from '../http/api-route';
import { readJsonBody } from '../http/body';
import { createShareSchema } from './share-schema';
import type { ShareKind } from './share-store';
import { createShare, listShares, revokeShare } from './shares';

export function shareLinkRoutes<P extends Record<string, string>>(
  kind: ShareKind,
  idOf: (params: P) => string,
) {
  const target = (params: P) => ({ kind, id: idOf(params) });
  return {
    list: apiRoute<P>(async ({ params, runtime, owner }) =>
      json({ shares: await listShares(runtime, owner, target(params)) }),
    ),
    create: apiRoute<P>(async ({ request, params, runtime, owner }) => {
      const body = await readJsonBody(request, createShareSchema, {
        maxBytes: runtime.config.MAX_BODY_BYTES,
        allowEmpty: true,
      });
      return json({ share: await createShare(runtime, owner, target(params), body) });
    }),
    revoke: apiRoute<P & { shareId: string }>(async ({ params, runtime, owner }) => {
      await revokeShare(runtime, owner, target(params), params.shareId);
      return json({ revoked: true });
    }),
  };
}

export const runShareLinks = shareLinkRoutes<{ channelId: string }>('run', (params) => params.channelId);
export const experimentShareLinks = shareLinkRoutes<{ id: string }>('experiment', (params) => params.id);
