// Route wrappers for /api/share/{token}/…: no secret or session, only the token; every error is JSON.
// A route made for one kind (a run's stream, an experiment's cells) answers 404 to a link of the other.
import { subscribeRequestSchema } from '../dispatch/schema';
import { ApiError, errorResponse } from '../errors';
import { readJsonBody } from '../http/body';
import { streamOfChunkSource } from '../channel/chunk-source';
import { JSONL_HEADERS } from '../http/jsonl';
import type { RunRecord } from '../store/types';
import { getRuntime, type Runtime } from '../server/runtime';
import { resolveShare, type Shared } from './shares';

export interface ShareContext<S extends Shared = Shared, P = Record<string, never>> {
  request: Request;
  runtime: Runtime;
  shared: S;
  params: P;
}

type RouteParams<P> = { params: Promise<P & { token: string }> };

export function shareRoute<P = Record<string, never>>(
  handler: (context: ShareContext<Shared, P>) => Promise<Response>,
) {
  return async (request: Request, routeContext: RouteParams<P>): Promise<Response> => {
    try {
      const runtime = await getRuntime();
      const { token, ...params } = await routeContext.params;
      const shared = await resolveShare(runtime, decodeURIComponent(token));
      return await handler({ request, runtime, shared, params: params as P });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const onlyFor =
  <K extends Shared['kind']>(kind: K) =>
  <P = Record<string, never>>(
    handler: (context: ShareContext<Extract<Shared, { kind: K }>, P>) => Promise<Response>,
  ) =>
    shareRoute<P>(async (context) => {
      if (context.shared.kind !== kind)
        throw new ApiError('NOT_FOUND', `This share link does not open a ${kind}.`);
      return handler(context as ShareContext<Extract<Shared, { kind: K }>, P>);
    });

export const sharedRunRoute = onlyFor('run');
export const sharedExperimentRoute = onlyFor('experiment');

/** The live event stream of a run a link may show (the shared run, or a shared experiment's cell). */
export async function sharedRunStream(request: Request, runtime: Runtime, run: RunRecord): Promise<Response> {
  const start = await readJsonBody(request, subscribeRequestSchema, {
    maxBytes: runtime.config.MAX_BODY_BYTES,
    allowEmpty: true,
  });
  const subscription = await runtime.service.subscribeChannel(run.channelId, run.owner, start);
  return new Response(streamOfChunkSource(subscription), { headers: JSONL_HEADERS });
}
