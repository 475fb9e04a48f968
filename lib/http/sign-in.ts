// Dashboard sign-in: the secret is sent once (POST /api/session) and exchanged for the session cookie.
import type { AppConfig } from '../config';
import { ApiError } from '../errors';
import { unauthorized } from './auth';
import { apiSecrets, matchSecret } from '../secrets/api-secrets';
import { clearSessionCookie, createSessionValue, sessionSetCookie } from './session';

/** The Set-Cookie header for a valid secret; 401 for a wrong one, 400 when sign-in is not enabled at all. */
export function signIn(secret: string, config: AppConfig, secure: boolean): string {
  const secrets = apiSecrets(config);
  if (secrets.length === 0)
    throw new ApiError('INVALID_REQUEST', 'Sign-in is not enabled: API_SECRET is not set');
  const matched = matchSecret(secret, secrets);
  if (!matched) throw unauthorized();
  return sessionSetCookie(createSessionValue(matched, config), secure);
}

export const signOut = () => clearSessionCookie();
