// One log line per API request, carrying a request id that is also sent back as X-Request-Id. An id
// given by a load balancer or client (X-Request-Id) is kept when it is a plain token, so lines can be
// followed across hops; otherwise a fresh one is made.
import { randomUUID } from 'node:crypto';
import { clientLeft, type ApiRequest } from '../http/api-request';
import { withAnswerHeader, type ApiAnswer } from '../http/lean-answer';
import { getLogger, logInfoAfterAnswer, withLogContext } from './logger';

const GIVEN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(request: ApiRequest): string {
  const given = request.headers.get('x-request-id');
  return given && GIVEN_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Handles the request with its id on every line logged meanwhile, then logs the request line. A client
 * that went away is an ordinary event, logged as such, not as an error.
 */
export async function withRequestLog<A extends ApiAnswer>(
  request: ApiRequest,
  handle: () => Promise<A>,
  /** Health checks poll every few seconds: their lines go at debug. */
  options: { level?: 'info' | 'debug' } = {},
): Promise<A> {
  const level = options.level ?? 'info';
  const reqId = requestIdOf(request);
  const started = performance.now();
  return withLogContext({ reqId }, async () => {
    const response = await handle();
    const fields = {
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (clientLeft(request))
      getLogger().info({ ...fields, clientAborted: true }, 'request aborted by the client');
    else if (level === 'info') logInfoAfterAnswer(fields, 'request');
    else getLogger()[level](fields, 'request');
    return withAnswerHeader(response, 'x-request-id', reqId);
  });
}

/** Whether a failure only means the client went away (closed the connection mid-body, navigated off). */
export function isClientAbort(request: ApiRequest, error: unknown): boolean {
  if (clientLeft(request)) return true;
  // Reading the body of a request whose connection closed fails with these (Node's http parser, undici).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' || message === 'aborted' || message === 'terminated';
}
