// The dashboard's session: after sign-in with a secret, an httpOnly cookie stands in for the Bearer
// header. Its value names the owner and an expiry, signed with HMAC-SHA256 under a key derived from
// that owner's secret, so removing a secret from API_SECRET ends its sessions too. Each session has a
// random id, so signing out can revoke that one session server-side (the store keeps revoked ids).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config';
import { apiSecrets, ownerOfSecret } from '../secrets/api-secrets';
import type { ApiRequest } from './api-request';

export const SESSION_COOKIE = 'ds_session';
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const VERSION = 'v2';

type SecretConfig = Pick<AppConfig, 'API_SECRET' | 'SESSION_SECRET'>;

function signingKey(secret: string, config: SecretConfig): Buffer {
  return createHmac('sha256', secret)
    .update(`dispatch-studio session key:${config.SESSION_SECRET ?? ''}`)
    .digest();
}

const sign = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest('base64url');

/** A signed cookie value for the owner of `secret`, valid until `now + SESSION_MAX_AGE_SECONDS`. */
export function createSessionValue(secret: string, config: SecretConfig, now = Date.now()): string {
  const sessionId = randomBytes(16).toString('base64url');
  const payload = `${VERSION}.${ownerOfSecret(secret)}.${now + SESSION_MAX_AGE_SECONDS * 1000}.${sessionId}`;
  return `${payload}.${sign(payload, signingKey(secret, config))}`;
}

export interface Session {
  owner: string;
  /** Random per sign-in; what sign-out revokes. */
  sessionId: string;
  expiresAt: number;
}

/** The session if the value is well-formed, correctly signed by a configured secret and not expired (revocation is checked by the caller). */
export function verifySessionValue(
  value: string,
  config: SecretConfig,
  now = Date.now(),
): Session | undefined {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
  const [, owner, expiresAt, sessionId, signature] = parts;
  if (!/^\d{1,15}$/.test(expiresAt) || Number(expiresAt) <= now) return undefined;
  if (!/^[A-Za-z0-9_-]{22}$/.test(sessionId)) return undefined;
  const secret = apiSecrets(config).find((candidate) => ownerOfSecret(candidate) === owner);
  if (!secret) return undefined;
  const expected = Buffer.from(
    sign(`${VERSION}.${owner}.${expiresAt}.${sessionId}`, signingKey(secret, config)),
  );
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  return { owner, sessionId, expiresAt: Number(expiresAt) };
}

export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Where signed-out session ids are kept (the run store). */
export interface SessionRevocations {
  isSessionRevoked(sessionId: string): Promise<boolean>;
}

/** The signed session named by the cookie header, not yet checked against revocations. */
export function readSessionCookie(
  cookieHeader: string | null | undefined,
  config: SecretConfig,
): Session | undefined {
  const value = cookieValue(cookieHeader, SESSION_COOKIE);
  return value ? verifySessionValue(value, config) : undefined;
}

/** The session named by the cookie header if it is valid and was not signed out. */
export async function readLiveSession(
  cookieHeader: string | null | undefined,
  config: SecretConfig,
  revocations: SessionRevocations,
): Promise<Session | undefined> {
  const session = readSessionCookie(cookieHeader, config);
  if (!session || (await revocations.isSessionRevoked(session.sessionId))) return undefined;
  return session;
}

/** Set-Cookie for a new session; `Secure` when the request came over HTTPS (directly or via a proxy). */
export function sessionSetCookie(value: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export const clearSessionCookie = () => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

export function isHttpsRequest(request: ApiRequest): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}
