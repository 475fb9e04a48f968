// Wraps an API handler: resolves the runtime and the caller, logs the request with its id, and maps every
// thrown error to JSON. Both ways a request arrives go through handleApiRequest: Next's route handlers
// (apiRoute) and the lean wire server in front of Next (lib/server/wire-server.ts).
import { errorResponse } from '../errors';
import { addLogContext, getLogger } from '../ops/logger';
import { isClientAbort, withRequestLog } from '../ops/request-log';
import { getRuntime, type Runtime } from '../server/runtime';
import { authenticateRequest } from './auth';

export interface ApiContext<P> {
  request: Request;
  params: P;
  runtime: Runtime;
  owner: string;
}

export type ApiHandler<P> = (context: ApiContext<P>) => Promise<Response>;

/** Which layer handed the request over, named on its log lines: the lean wire server, or Next. */
export type ServingLayer = 'wire' | 'next';

export function handleApiRequest<P>(
  request: Request,
  params: P | Promise<P>,
  handler: ApiHandler<P>,
  layer: ServingLayer,
): Promise<Response> {
  return withRequestLog(request, async () => {
    addLogContext({ layer });
    try {
      const runtime = await getRuntime();
      const owner = await authenticateRequest(request, runtime.config, runtime.store);
      const resolved = await params;
      const { channelId } = (resolved ?? {}) as { channelId?: unknown };
      if (typeof channelId === 'string') addLogContext({ channelId });
      return await handler({ request, params: resolved, runtime, owner });
    } catch (error) {
      if (!isClientAbort(request, error)) return errorResponse(error);
      getLogger().debug({ err: error }, 'client went away before the answer');
      return new Response(null, { status: 499 });
    }
  });
}

/** A Next route handler for `handler`. */
export function apiRoute<P = Record<string, never>>(handler: ApiHandler<P>) {
  return (request: Request, routeContext: { params: Promise<P> }): Promise<Response> =>
    handleApiRequest(request, routeContext.params, handler, 'next');
}

export const json = (body: unknown, init?: ResponseInit) => Response.json(body, init);
