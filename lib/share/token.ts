// Share-link tokens: what a link grants, signed with HMAC-SHA256 under the server's share key. The
// token names one share record (so it can be revoked), one run or experiment, an expiry and whether
// answering is allowed; changing any of it breaks the signature.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ShareTarget } from './share-store';

export interface ShareGrant {
  /** The share record's id (revocation is looked up by it). */
  shareId: string;
  target: ShareTarget;
  expiresAt: number;
  allowAnswer: boolean;
}

const VERSION = 's1';

// `c` is the target's id; `k` names its kind, left out for a run so links made before experiments
// could be shared keep their meaning.
const grantSchema = z.strictObject({
  s: z.string().min(1).max(64),
  k: z.literal('experiment').optional(),
  c: z.string().min(1).max(256),
  e: z.number().int().positive(),
  a: z.boolean(),
});

const sign = (payload: string, key: Buffer) =>
  createHmac('sha256', key).update(`${VERSION}.${payload}`).digest('base64url');

export function signShareToken(grant: ShareGrant, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({
      s: grant.shareId,
      ...(grant.target.kind !== 'run' && { k: grant.target.kind }),
      c: grant.target.id,
      e: grant.expiresAt,
      a: grant.allowAnswer,
    }),
  ).toString('base64url');
  return `${VERSION}.${payload}.${sign(payload, key)}`;
}

export type TokenCheck = { ok: true; grant: ShareGrant } | { ok: false; reason: 'invalid' | 'expired' };

/** The grant if the token is well-formed and signed with `key`; expired grants are told apart from forged ones. */
export function verifyShareToken(token: string, key: Buffer, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || parts[1].length > 2048)
    return { ok: false, reason: 'invalid' };
  const [, payload, signature] = parts;
  const expected = Buffer.from(sign(payload, key));
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
    return { ok: false, reason: 'invalid' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = grantSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const grant: ShareGrant = {
    shareId: parsed.data.s,
    target: { kind: parsed.data.k ?? 'run', id: parsed.data.c },
    expiresAt: parsed.data.e,
    allowAnswer: parsed.data.a,
  };
  if (grant.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
