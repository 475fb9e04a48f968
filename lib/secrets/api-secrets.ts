// The configured API secrets and what is derived from them. A secret itself is never stored or logged:
// runs are owned by a hash of it, and comparisons run in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config';

/** The configured secrets, in order; empty when auth is off. */
export function apiSecrets(config: Pick<AppConfig, 'API_SECRET'>): string[] {
  return (config.API_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
}

export const isAuthEnabled = (config: Pick<AppConfig, 'API_SECRET'>) => apiSecrets(config).length > 0;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The owner id of a secret: a sha256 prefix, so the stored owner never is the secret itself.
 * 16 hex characters (64 bits) keep owners apart; secrets should be long and random anyway.
 */
export const ownerOfSecret = (secret: string) =>
  `key_${digest(`dispatch-studio owner:${secret}`).toString('hex').slice(0, 16)}`;

/**
 * The configured secret equal to `candidate`, compared in constant time: both sides are hashed to
 * 32-byte digests first (timingSafeEqual needs equal lengths), and every secret is compared.
 */
export function matchSecret(candidate: string, secrets: readonly string[]): string | undefined {
  const presented = digest(candidate);
  let match: string | undefined;
  for (const secret of secrets) {
    if (timingSafeEqual(presented, digest(secret)) && match === undefined) match = secret;
  }
  return match;
}
