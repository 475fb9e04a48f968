// What must happen before Next sees a request, where Next offers no hook: the socket's address is
// recorded for throttling (route handlers cannot see the socket, and Next keeps a client-sent
// X-Forwarded-For), and a path whose percent-encoding is malformed is answered 400 JSON here, since
// Next's router fails on it with a plain-text 500 before the proxy or any route runs.
import http from 'node:http';
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue } from '../http/client-address';
import { API_CSP, SECURITY_HEADERS } from '../http/security-header-values.mjs';

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

function answerMalformedPath(response: http.ServerResponse): void {
  const body = JSON.stringify({
    message: 'The address is not valid: it has a malformed percent-encoded character',
    code: 'INVALID_REQUEST',
  });
  response.statusCode = 400;
  for (const { key, value } of SECURITY_HEADERS) response.setHeader(key, value);
  response.setHeader('Content-Security-Policy', API_CSP);
  response.setHeader('content-type', 'application/json');
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/** Wraps the 'request' event of every HTTP server in this process (Next's included); idempotent. */
export function installRequestGuards(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      request.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeaderValue(
        request.socket.remoteAddress ?? 'unknown',
      );
      if (!hasDecodablePath(request.url)) {
        answerMalformedPath(response);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof prototype.emit;
}
