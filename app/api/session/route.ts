// Sign in (POST, exchanges the secret for a session cookie) and sign out (DELETE) for the dashboard.
import { getConfig } from '@/lib/config';
import { errorResponse, isApiError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { isHttpsRequest } from '@/lib/http/session';
import { signIn, signOut } from '@/lib/http/sign-in';
import { clientOf, signInThrottle } from '@/lib/http/sign-in-throttle';
import { signInRequestSchema } from '@/lib/http/sign-in-schema';
import { withRequestLog } from '@/lib/ops/request-log';

export const POST = (request: Request) => withRequestLog(request, () => signInOrRefuse(request));

export const DELETE = (request: Request) =>
  withRequestLog(request, async () =>
    Response.json({ signedIn: false }, { headers: { 'set-cookie': signOut() } }),
  );

async function signInOrRefuse(request: Request): Promise<Response> {
  try {
    const config = getConfig();
    const client = clientOf(request);
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
