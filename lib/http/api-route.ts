// Wraps an API handler: resolves the runtime and the caller, logs the request with its id, and maps every
// thrown error to JSON. Both ways a request arrives go through handleApiRequest: Next's route handlers
// (apiRoute) and the lean wire server in front of Next (lib/server/wire-server.ts).
import { errorResponse, type ApiError } from '../errors';
import { addLogContext, getLogger } from '../ops/logger';
import { isClientAbort, withRequestLog } from '../ops/request-log';
import { getRuntime, type Runtime } from '../server/runtime';
import type { ApiRequest } from './api-request';
import { toResponse, type ApiAnswer } from './lean-answer';
import { authenticateRequest } from './auth';

export interface ApiContext<P> {
  request: ApiRequest;
  params: P;
  runtime: Runtime;
  owner: string;
}

/** The wire API's handlers answer lean (lean-answer.ts); the dashboard's with a web Response. */
export type ApiHandler<P> = (context: ApiContext<P>) => Promise<ApiAnswer>;

/** Which layer handed the request over, named on its log lines: the lean wire server, or Next. */
export type ServingLayer = 'wire' | 'next';

export function handleApiRequest<P>(
  request: ApiRequest,
  params: P | Promise<P>,
  handler: ApiHandler<P>,
  layer: ServingLayer,
): Promise<ApiAnswer> {
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

/**
 * Refuses a request no handler takes (an unknown path, a wrong method) before auth: being told a path does
 * not exist needs no secret. Logged with its request id like any other.
 */
export function refuseApiRequest(request: ApiRequest, refusal: ApiError, layer: ServingLayer): Promise<ApiAnswer> {
  return withRequestLog(request, async () => {
    addLogContext({ layer });
    return errorResponse(refusal);
  });
}

/** A Next route handler for `handler`. */
export function apiRoute<P = Record<string, never>>(handler: ApiHandler<P>) {
  return (request: Request, routeContext: { params: Promise<P> }): Promise<Response> =>
    handleApiRequest(request, routeContext.params, handler, 'next').then(toResponse);
}

/** Like Response.json, with the content type set unless `init` gives one. */
export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { ...init, headers });
}
