// The static security headers, in one place: next.config.mjs adds them to every response Next builds,
// and the answers given before Next routes a request (lib/server/request-guards.ts, proxy.ts) add them too.

/** Every response: no MIME sniffing, no referrer, no framing. Pages add a nonce-based CSP in proxy.ts. */
export const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** JSON and JSONL answers are never rendered as a document. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
