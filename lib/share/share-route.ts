// Route wrapper for /api/share/{token}/…: no secret or session, only the token; every error is JSON.
import { errorResponse } from '../errors';
import { getRuntime, type Runtime } from '../server/runtime';
import { resolveShare, type SharedRun } from './shares';

export interface ShareContext {
  request: Request;
  runtime: Runtime;
  shared: SharedRun;
}

export function shareRoute(handler: (context: ShareContext) => Promise<Response>) {
  return async (
    request: Request,
    routeContext: { params: Promise<{ token: string }> },
  ): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const { token } = await routeContext.params;
      const shared = await resolveShare(runtime, decodeURIComponent(token));
      return await handler({ request, runtime, shared });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
