// Wraps a route handler: resolves the runtime and the caller, and maps every thrown error to JSON.
import { errorResponse } from '../errors';
import { getRuntime, type Runtime } from '../server/runtime';
import { authenticateRequest } from './auth';

export interface ApiContext<P> {
  request: Request;
  params: P;
  runtime: Runtime;
  owner: string;
}

export function apiRoute<P = Record<string, never>>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, routeContext: { params: Promise<P> }): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const owner = await authenticateRequest(request, runtime.config, runtime.store);
      const params = await routeContext.params;
      return await handler({ request, params, runtime, owner });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export const json = (body: unknown, init?: ResponseInit) => Response.json(body, init);
