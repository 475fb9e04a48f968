// The dashboard's Content-Security-Policy, with a fresh nonce per request (set by proxy.ts). The static
// headers every response gets (nosniff, Referrer-Policy, the API's own CSP) are in next.config.mjs.
import type http from 'node:http';
import { API_CSP, SECURITY_HEADERS } from './security-header-values.mjs';

/** The static headers next.config.mjs gives every /api answer, for answers made outside Next. */
export function setApiSecurityHeaders(response: http.ServerResponse): void {
  for (const { key, value } of SECURITY_HEADERS) response.setHeader(key, value);
  response.setHeader('Content-Security-Policy', API_CSP);
}

/** The dashboard's policy: scripts only from this origin with the request's nonce; no eval outside development. */
export function dashboardCsp(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (React style props, Next's own) are allowed; scripts are what matters.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
