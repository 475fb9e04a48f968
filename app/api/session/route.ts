// Sign in (POST, exchanges the secret for a session cookie) and sign out (DELETE, revokes the session
// server-side, so a copy of the old cookie stops working, and clears the cookie).
import { getConfig } from '@/lib/config';
import { errorResponse, isApiError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { clientOf } from '@/lib/http/client-address';
import { isHttpsRequest, readSessionCookie } from '@/lib/http/session';
import { signIn, signOut } from '@/lib/http/sign-in';
import { signInThrottle } from '@/lib/http/sign-in-throttle';
import { signInRequestSchema } from '@/lib/http/sign-in-schema';
import { withRequestLog } from '@/lib/ops/request-log';
import { getRuntime } from '@/lib/server/runtime';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = (request: Request) => withRequestLog(request, () => signInOrRefuse(request));

export const DELETE = (request: Request) => withRequestLog(request, () => signOutAndRevoke(request));

async function signInOrRefuse(request: Request): Promise<Response> {
  try {
    const config = getConfig();
    const client = clientOf(request, config);
    signInThrottle().check(client);
    const { secret } = await readJsonBody(request, signInRequestSchema, { maxBytes: 16 * 1024 });
    try {
      const cookie = signIn(secret, config, isHttpsRequest(request));
      return Response.json({ signedIn: true }, { headers: { 'set-cookie': cookie } });
    } catch (error) {
      if (isApiError(error) && error.code === 'UNAUTHORIZED') signInThrottle().recordFailure(client);
      throw error;
    }
  } catch (error) {
    return errorResponse(error);
  }
}

/** Revokes the session server-side, so the old cookie stops working even if it was copied. */
async function signOutAndRevoke(request: Request): Promise<Response> {
  try {
    const session = readSessionCookie(request.headers.get('cookie'), getConfig());
    if (session) await (await getRuntime()).store.revokeSession(session.sessionId, session.expiresAt);
    return Response.json({ signedIn: false }, { headers: { 'set-cookie': signOut() } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, OPTIONS } = otherMethods('POST', 'DELETE');
