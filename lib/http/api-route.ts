// Wraps a route handler: resolves the runtime and the caller, and maps every thrown error to JSON.
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

export function apiRoute<P = Record<string, never>>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return (request: Request, routeContext: { params: Promise<P> }): Promise<Response> =>
    withRequestLog(request, async () => {
      try {
        const runtime = await getRuntime();
        const owner = await authenticateRequest(request, runtime.config, runtime.store);
        const params = await routeContext.params;
        const { channelId } = (params ?? {}) as { channelId?: unknown };
        if (typeof channelId === 'string') addLogContext({ channelId });
        return await handler({ request, params, runtime, owner });
      } catch (error) {
        if (!isClientAbort(request, error)) return errorResponse(error);
        getLogger().debug({ err: error }, 'client went away before the answer');
        return new Response(null, { status: 499 });
      }
    });
}

export const json = (body: unknown, init?: ResponseInit) => Response.json(body, init);
