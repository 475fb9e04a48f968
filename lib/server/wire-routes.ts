// The wire API (/api/v1, wire-compatible with ChatBotKit): one handler per endpoint and the table that
// routes to them. The lean wire server (wire-server.ts) serves them under `npm start`; the route files
// under app/api/v1 serve the same handlers under `next dev`.
import {
  dispatchJsonSchema,
  dispatchRequestSchema,
  publishRequestSchema,
  subscribeRequestSchema,
} from '../dispatch/schema';
import { parseDispatchRequestInTurns } from '../dispatch/parse-in-turns';
import { ApiError, methodNotAllowed, unknownApiPath } from '../errors';
import type { ApiHandler } from '../http/api-route';
import { readJsonBody } from '../http/body';
import { jsonlResponse } from '../http/jsonl';
import { chunksAnswer, jsonAnswer } from '../http/lean-answer';
import { requestTimezone } from '../http/timezone';
import { refuseNewWorkWhileDraining } from '../ops/drain-state';
import { completeToResult, startCompletion } from '../runs/complete';

type NoParams = Record<string, never>;
export interface ChannelParams {
  channelId: string;
}

export const serveDispatchSchema: ApiHandler<NoParams> = async () => jsonAnswer(dispatchJsonSchema());

export const dispatchConversation: ApiHandler<NoParams> = async ({ request, runtime, owner }) => {
  refuseNewWorkWhileDraining();
  const timezone = requestTimezone(request);
  const body = await readJsonBody(request, dispatchRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    validate: parseDispatchRequestInTurns,
  });
  return jsonAnswer(await runtime.service.enqueueDispatch({ request: body, timezone, owner }));
};

export const completeConversation: ApiHandler<NoParams> = async ({ request, runtime, owner }) => {
  refuseNewWorkWhileDraining();
  const timezone = requestTimezone(request);
  const body = await readJsonBody(request, dispatchRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    validate: parseDispatchRequestInTurns,
  });
  const events = await startCompletion({ request: body, timezone, owner, signal: request.signal }, runtime);
  if ((request.headers.get('accept') ?? '').includes('application/jsonl')) {
    return jsonlResponse(events);
  }
  const { result, error } = await completeToResult(events);
  if (!result) throw new ApiError('INTERNAL_ERROR', error ?? 'The completion produced no result');
  return jsonAnswer(result);
};

export const subscribeToChannel: ApiHandler<ChannelParams> = async ({ request, params, runtime, owner }) => {
  const start = await readJsonBody(request, subscribeRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    allowEmpty: true,
  });
  return chunksAnswer(await runtime.service.subscribeChannel(params.channelId, owner, start));
};

export const publishToChannel: ApiHandler<ChannelParams> = async ({ request, params, runtime, owner }) => {
  const body = await readJsonBody(request, publishRequestSchema, { maxBytes: runtime.config.MAX_BODY_BYTES });
  return jsonAnswer(await runtime.service.publishToChannel(params.channelId, body.message, owner));
};

export interface WireRoute {
  method: string;
  /** Path segments after /api/v1; `:channelId` takes one segment, percent-decoded like Next's params. */
  segments: readonly string[];
  handler: ApiHandler<never>;
}

export const WIRE_ROUTES: readonly WireRoute[] = [
  { method: 'POST', segments: ['conversation', 'dispatch'], handler: dispatchConversation },
  { method: 'POST', segments: ['conversation', 'complete'], handler: completeConversation },
  { method: 'POST', segments: ['channel', ':channelId', 'subscribe'], handler: subscribeToChannel },
  { method: 'POST', segments: ['channel', ':channelId', 'publish'], handler: publishToChannel },
  { method: 'GET', segments: ['schema'], handler: serveDispatchSchema },
];

const PREFIX = '/api/v1/';

/** The route's params when `parts` (the path after /api/v1/) is its path; undefined otherwise. */
function paramsOf(route: WireRoute, parts: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  const matches = route.segments.every((segment, index) => {
    if (!segment.startsWith(':')) return segment === parts[index];
    if (parts[index] === '') return false;
    params[segment.slice(1)] = decodeURIComponent(parts[index]);
    return true;
  });
  return matches ? params : undefined;
}

/** Methods Next answers itself for any route (HEAD as GET, OPTIONS with Allow): left to it. */
const LEFT_TO_NEXT = new Set(['HEAD', 'OPTIONS']);


/** A wire route with its params, or the refusal for a path under /api/v1 that no route answers so. */
export type WireMatch = { route: WireRoute; params: Record<string, string> } | { refusal: ApiError };

/**
 * The wire route for a method and path, with its params. Any other path under /api/v1 gets a refusal
 * (404 for an unknown path, 405 with Allow for another method), except HEAD and OPTIONS of a known path,
 * which Next answers as it always has; undefined outside /api/v1.
 */
export function matchWireRoute(method: string, pathname: string): WireMatch | undefined {
  if (!pathname.startsWith(PREFIX) && pathname !== PREFIX.slice(0, -1)) return undefined;
  const parts = pathname.slice(PREFIX.length).split('/');
  const allow: string[] = [];
  for (const route of WIRE_ROUTES) {
    const params = paramsOf(route, parts);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allow.push(route.method);
  }
  if (allow.length > 0 && LEFT_TO_NEXT.has(method)) return undefined;
  return { refusal: allow.length === 0 ? unknownApiPath() : methodNotAllowed(allow) };
}
