// The methods a dashboard route does not take answer as the wire API's do: a JSON 405 naming the methods it
// does take in `Allow`, before auth (being told how to call a path needs no secret). Left to Next, they got an
// empty 405 without `Allow`. A route exports these beside its own handlers:
//   export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
import { methodNotAllowed } from '../errors';
import { refuseApiRequest } from './api-route';
import { toResponse } from './lean-answer';

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type Refusal = (request: Request) => Promise<Response>;

/** A handler for each method the route does not take, and OPTIONS answering which it does. */
export function otherMethods(...taken: RouteMethod[]): Record<RouteMethod, Refusal> & { OPTIONS: () => Response } {
  const refuse: Refusal = (request) => refuseApiRequest(request, methodNotAllowed(taken), 'next').then(toResponse);
  const withNext = [...taken, ...(taken.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  return {
    GET: refuse,
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    // Next answers OPTIONS itself from the route's exports, which now name every method.
    OPTIONS: () => new Response(null, { status: 204, headers: { allow: withNext.join(', ') } }),
  };
}
