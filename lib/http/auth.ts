// Who is calling. Without API_SECRET every caller is the single "public" owner (the server then binds to
// 127.0.0.1 by default). With it, a request must present one of the secrets, as a Bearer header or as
// the dashboard's signed session cookie, and its runs belong to that secret's owner id.
import type { AppConfig } from '../config';
import { ApiError } from '../errors';
import { apiSecrets, matchSecret, ownerOfSecret } from '../secrets/api-secrets';
import { clientOf } from './client-address';
import { readLiveSession, type SessionRevocations } from './session';
import { bearerThrottle } from './sign-in-throttle';
import type { ApiRequest } from './api-request';

export const PUBLIC_OWNER = 'public';

export function bearerToken(request: ApiRequest): string | undefined {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(.+)$/i);
  return match?.[1].trim();
}

export const unauthorized = () =>
  new ApiError('UNAUTHORIZED', 'Missing or wrong secret: send Authorization: Bearer <API_SECRET>');

/**
 * The caller's owner id; throws 401 when auth is on and neither a valid Bearer secret nor a live session
 * is presented. Wrong Bearer secrets are throttled per client like wrong secrets at sign-in (429 past them).
 */
export async function authenticateRequest(
  request: ApiRequest,
  config: AppConfig,
  revocations: SessionRevocations,
): Promise<string> {
  const secrets = apiSecrets(config);
  if (secrets.length === 0) return PUBLIC_OWNER;
  const token = bearerToken(request);
  if (token !== undefined) {
    const client = clientOf(request, config);
    bearerThrottle().check(client);
    const secret = matchSecret(token, secrets);
    if (!secret) {
      bearerThrottle().recordFailure(client);
      throw unauthorized();
    }
    return ownerOfSecret(secret);
  }
  const session = await readLiveSession(request.headers.get('cookie'), config, revocations);
  if (session) return session.owner;
  throw unauthorized();
}
