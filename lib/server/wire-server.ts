// The lean layer in front of Next for the wire API: /api/v1 requests are answered straight from node:http,
// through the same handler wrapper as Next's route handlers (lib/http/api-route.ts: request id and log
// line, auth, error shapes) and the same handlers (wire-routes.ts), without Next's per-request pipeline
// (router, proxy matching, response cache, header rewriting), which costs milliseconds per request
// (bench/RESULTS.md). The checks made before any handler (Host, Origin, malformed paths) wrap every server
// of the process (request-guards.ts), this one included; the static headers Next adds from
// next.config.mjs are added here from the same list. Any other path under /api/v1 gets a JSON 404, or 405
// with Allow for a wrong method (wire-routes.ts); HEAD and OPTIONS of a wire path, and the rest, go to Next.
import type http from 'node:http';
import type { ChunkSource } from '../channel/chunk-source';
import { errorResponse } from '../errors';
import { handleApiRequest, refuseApiRequest } from '../http/api-route';
import { isLeanAnswer, type ApiAnswer, type LeanAnswer } from '../http/lean-answer';
import { setApiSecurityHeaders } from '../http/security-headers';
import { measureWireRequestsWaiting } from '../metrics/registry';
import { getLogger } from '../ops/logger';
import { writeChunks } from './chunk-writer';
import { TurnShare, WIRE_SHARE_MS } from './turn-share';
import { ClientPresence, WireRequest } from './wire-request';
import { matchWireRoute, type WireMatch } from './wire-routes';

/** Wire requests get a share of each loop turn, so that a burst of them does not hold pages waiting. */
const wireTurns = new TurnShare(WIRE_SHARE_MS);
measureWireRequestsWaiting(() => wireTurns.waitingCount);

/** application/json (with parameters), not application/jsonl. */
const isJson = (type: string | null) => /^application\/json\s*(;|$)/i.test(type ?? '');

/** How long the rest of a refused body is read and dropped before the answer goes out anyway. */
const LINGER_MS = 2_000;

/**
 * A body refused part-way (past MAX_BODY_BYTES) is read to its end and dropped, for at most LINGER_MS,
 * before the answer goes out. A client that sent `Connection: close` gets its connection closed right
 * after the answer: still sending, it would see EPIPE or a reset and could lose the answer.
 */
function discardRestOfBody(request: http.IncomingMessage): Promise<void> {
  request.removeAllListeners('data');
  request.on('data', () => undefined);
  request.resume();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, LINGER_MS);
    request.once('end', done);
    request.once('close', done);
  });
}

/** A JSON answer is sent with its length; a stream (JSONL) chunk by chunk as it is produced. */
async function writeResponse(
  answer: ApiAnswer,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  response.statusCode = answer.status;
  if (!request.complete) await discardRestOfBody(request);
  setApiSecurityHeaders(response);
  if (isLeanAnswer(answer)) return writeLeanAnswer(answer, response);
  for (const [name, value] of answer.headers) if (name !== 'set-cookie') response.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader('set-cookie', cookies);
  if (!answer.body) {
    response.end();
    return;
  }
  if (isJson(answer.headers.get('content-type'))) {
    const body = Buffer.from(await answer.arrayBuffer());
    response.setHeader('content-length', body.byteLength);
    response.end(body);
    return;
  }
  await writeChunks(chunkSourceOf(answer.body), response);
}

/** The wire API's own answers: the JSON text as it is, or the subscription's chunks. */
async function writeLeanAnswer(answer: LeanAnswer, response: http.ServerResponse): Promise<void> {
  for (const name in answer.headers) response.setHeader(name, answer.headers[name]);
  const { body } = answer;
  if ('chunks' in body) return writeChunks(body.chunks, response);
  response.setHeader('content-length', Buffer.byteLength(body.json));
  response.end(body.json);
}

/** A web stream read as a chunk source (streams that are not a subscription). */
function chunkSourceOf(body: ReadableStream<Uint8Array>): ChunkSource {
  const reader = body.getReader();
  return {
    next: async () => (await reader.read()).value,
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

async function serveWireRoute(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  match: WireMatch,
): Promise<void> {
  const client = new ClientPresence();
  response.once('close', () => {
    if (!response.writableFinished) client.leave();
  });
  try {
    const wireRequest = new WireRequest(request, client);
    const answer =
      'refusal' in match
        ? await refuseApiRequest(wireRequest, match.refusal, 'wire')
        : await handleApiRequest(wireRequest, match.params as never, match.route.handler, 'wire');
    await writeResponse(answer, request, response);
  } catch (error) {
    if (client.left) return;
    if (response.headersSent) {
      getLogger().error({ err: error }, 'wire response failed after its headers were sent');
      response.destroy();
      return;
    }
    await writeResponse(errorResponse(error), request, response);
  }
}

/** Answers the request when it is under /api/v1 and says whether it did; otherwise Next should. */
export function serveWireRequest(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const match = matchWireRoute(request.method ?? 'GET', query === -1 ? url : url.slice(0, query));
  if (!match) return false;
  wireTurns.run(() => {
    // A client that left while its request waited for a turn gets nothing done (it could not be answered).
    if (!request.socket.destroyed) void serveWireRoute(request, response, match);
  });
  return true;
}
