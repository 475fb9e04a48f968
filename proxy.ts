// Runs before every dashboard page: gives the page a fresh CSP nonce, and when API_SECRET is set sends
// a visitor without a valid session cookie to /sign-in. The API checks its own auth (lib/http/auth.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from './lib/config';
import { dashboardCsp } from './lib/http/security-headers';
import { isAuthEnabled } from './lib/secrets/api-secrets';
import { readSessionCookie } from './lib/http/session';

const SIGN_IN_PATH = '/sign-in';
const SHARE_PATH = '/share/';

export function proxy(request: NextRequest) {
  const config = getConfig();
  const { pathname, search } = request.nextUrl;
  if (
    isAuthEnabled(config) &&
    pathname !== SIGN_IN_PATH &&
    // A share link's page carries its own token (checked by /api/share/{token}); it needs no session.
    !pathname.startsWith(SHARE_PATH) &&
    !readSessionCookie(request.headers.get('cookie'), config)
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
  // Every page, prefetches included (they carry page data too); not the API, which authenticates itself, or static files.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico).*)'],
};
