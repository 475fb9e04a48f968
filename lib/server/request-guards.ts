// Checks made where Node hands a request to Next, before Next routes, parses or buffers anything:
// - a Host name this server is not (DNS rebinding) → 421, and a state-changing request from another
//   site → 403 (lib/http/request-origin.ts). Here rather than in proxy.ts, because running the proxy for
//   the API makes Next buffer every request body for it, and it would not cover static files;
// - a path whose percent-encoding is malformed → 400 JSON, since Next's router fails on it with a
//   plain-text 500 before the proxy or any route runs;
// - the socket's address is recorded for throttling: route handlers cannot see the socket, and Next
//   keeps a client-sent X-Forwarded-For (lib/http/client-address.ts).
import http from 'node:http';
import type { AppConfig } from '../config';
import { ApiError, isApiError } from '../errors';
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue } from '../http/client-address';
import { allowedHostNames, assertAllowedHost, assertSameOrigin } from '../http/request-origin';
import { setApiSecurityHeaders } from '../http/security-headers';

const INSTALLED = Symbol.for('dispatch-studio.request-guards');

/** Whether every percent escape in the path decodes (what Next's router requires). */
export function hasDecodablePath(url: string | undefined): boolean {
  const path = (url ?? '/').split(/[?#]/, 1)[0];
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** The same `{message, code}` answer errorResponse gives, with the headers next.config.mjs adds. */
function answerRefusal(response: http.ServerResponse, error: ApiError): void {
  const body = JSON.stringify({ message: error.message, code: error.code });
  response.statusCode = error.status;
  setApiSecurityHeaders(response);
  response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/** Throws the refusal for a request that must not reach Next. */
function checkRequest(
  request: http.IncomingMessage,
  config: AppConfig,
  allowedHosts: ReturnType<typeof allowedHostNames>,
) {
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  if (!hasDecodablePath(request.url)) {
    throw new ApiError(
      'INVALID_REQUEST',
      'The address is not valid: it has a malformed percent-encoded character',
    );
  }
  assertAllowedHost(header, allowedHosts);
  assertSameOrigin(request.method ?? 'GET', header, config);
}

/** Wraps the 'request' event of every HTTP server in this process (Next's included); idempotent. */
export function installRequestGuards(config: AppConfig): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const allowedHosts = allowedHostNames(config);
  const emit = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      request.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeaderValue(
        request.socket.remoteAddress ?? 'unknown',
      );
      try {
        checkRequest(request, config, allowedHosts);
      } catch (error) {
        if (!isApiError(error)) throw error;
        // The body is not wanted; drain it so the connection can be reused.
        request.resume();
        answerRefusal(response, error);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof prototype.emit;
}
