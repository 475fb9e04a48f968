// Runs before every dashboard page: gives the page a fresh CSP nonce, and when API_SECRET is set sends
// a visitor without a live session (valid and not signed out) to /sign-in. The API checks its own auth
// (lib/http/auth.ts); forged Host and cross-site requests are refused before this, for every path
// (lib/server/request-guards.ts). Every page response gets an X-Request-Id and one log line (API routes
// do their own: lib/ops/request-log.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from './lib/config';
import { dashboardCsp } from './lib/http/security-headers';
import { readLiveSession } from './lib/http/session';
import { getLogger } from './lib/ops/logger';
import { requestIdOf } from './lib/ops/request-log';
import { isAuthEnabled } from './lib/secrets/api-secrets';
import { getRuntime } from './lib/server/runtime';

const SIGN_IN_PATH = '/sign-in';
const SHARE_PATH = '/share/';

export async function proxy(request: NextRequest) {
  const reqId = requestIdOf(request);
  const response = await pageResponse(request, reqId);
  response.headers.set('x-request-id', reqId);
  // The page itself is rendered after this; only a redirect has its final status here.
  const redirect = response.headers.get('location') ? { status: response.status } : {};
  getLogger().info(
    { reqId, method: request.method, path: request.nextUrl.pathname, ...redirect },
    'page request',
  );
  return response;
}

async function pageResponse(request: NextRequest, reqId: string): Promise<NextResponse> {
  const config = getConfig();
  const { pathname, search } = request.nextUrl;
  if (
    isAuthEnabled(config) &&
    pathname !== SIGN_IN_PATH &&
    // A share link's page carries its own token (checked by /api/share/{token}); it needs no session.
    !pathname.startsWith(SHARE_PATH) &&
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
  requestHeaders.set('x-request-id', reqId);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Every page, prefetches included (they carry page data too); not the API, which authenticates itself, or static files.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)'],
};
