// Wraps an API handler: resolves the runtime and the caller, logs the request with its id, and maps every
// thrown error to JSON. Both ways a request arrives go through handleApiRequest: Next's route handlers
// (apiRoute) and the lean wire server in front of Next (lib/server/wire-server.ts).
import { errorResponse } from '../errors';
import { addLogContext, getLogger } from '../ops/logger';
import { isClientAbort, withRequestLog } from '../ops/request-log';
import { getRuntime, type Runtime } from '../server/runtime';
import type { ApiRequest } from './api-request';
import { authenticateRequest } from './auth';

export interface ApiContext<P> {
  request: ApiRequest;
  params: P;
  runtime: Runtime;
  owner: string;
}

export type ApiHandler<P> = (context: ApiContext<P>) => Promise<Response>;

/** Which layer handed the request over, named on its log lines: the lean wire server, or Next. */
export type ServingLayer = 'wire' | 'next';

export function handleApiRequest<P>(
  request: ApiRequest,
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

// A JSON answer's text, kept beside its Response: the lean wire server writes it to the socket as it is
// (takeJsonText) instead of reading the body back through the web stream machinery, which cost a
// dispatch some 50 µs. Kept on globalThis: under `npm start` the wire server and Next's bundle are two
// copies of lib.
const JSON_TEXTS_KEY = Symbol.for('dispatch-studio.json-texts');
type GlobalWithJsonTexts = typeof globalThis & { [JSON_TEXTS_KEY]?: WeakMap<Response, string> };
const jsonTexts = ((globalThis as GlobalWithJsonTexts)[JSON_TEXTS_KEY] ??= new WeakMap());

/** Like Response.json; the text stays readable by takeJsonText. */
export function json(body: unknown, init?: ResponseInit): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init?.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = new Response(text, { ...init, headers });
  jsonTexts.set(response, text);
  return response;
}

/** The text of an answer made by json(), once: its body must not be read after. */
export function takeJsonText(response: Response): string | undefined {
  const text = jsonTexts.get(response);
  jsonTexts.delete(response);
  return text;
}
