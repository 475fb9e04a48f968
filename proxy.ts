// Runs before every request but static files. For all of them: refuses unknown Host names (421) and
// state-changing requests from other sites (403), see lib/http/request-origin.ts. For dashboard pages:
// a fresh CSP nonce, and when API_SECRET is set a visitor without a live session goes to /sign-in. The
// API checks its own auth (lib/http/auth.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, type AppConfig } from './lib/config';
import { errorResponse } from './lib/errors';
import { allowedHostNames, assertAllowedHost, assertSameOrigin } from './lib/http/request-origin';
import { API_CSP, SECURITY_HEADERS } from './lib/http/security-header-values.mjs';
import { dashboardCsp } from './lib/http/security-headers';
import { isAuthEnabled } from './lib/http/secrets';
import { readLiveSession } from './lib/http/session';
import { getRuntime } from './lib/server/runtime';

const SIGN_IN_PATH = '/sign-in';
const ALLOWED_HOSTS_KEY = Symbol.for('dispatch-studio.allowed-hosts');

/** Worked out once per process (it lists the machine's addresses when bound to all of them). */
function allowedHosts(config: AppConfig) {
  const holder = globalThis as typeof globalThis & {
    [ALLOWED_HOSTS_KEY]?: ReturnType<typeof allowedHostNames>;
  };
  holder[ALLOWED_HOSTS_KEY] ??= allowedHostNames(config);
  return holder[ALLOWED_HOSTS_KEY];
}

/** A refusal made here, with the headers next.config.mjs gives the answers Next builds itself. */
function refusal(error: unknown): Response {
  const response = errorResponse(error);
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set('Content-Security-Policy', API_CSP);
  return response;
}

export async function proxy(request: NextRequest) {
  const config = getConfig();
  try {
    assertAllowedHost(request.headers, allowedHosts(config));
    assertSameOrigin(request.method, request.headers, config);
  } catch (error) {
    return refusal(error);
  }
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) return NextResponse.next();

  if (
    isAuthEnabled(config) &&
    pathname !== SIGN_IN_PATH &&
    !(await readLiveSession(request.headers.get('cookie'), config, (await getRuntime()).store))
  ) {
    const signIn = new URL(SIGN_IN_PATH, request.url);
    signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = dashboardCsp(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Every page and API route, prefetches included; not static files.
  matcher: ['/((?!_next/static/|_next/image|favicon.ico).*)'],
};
