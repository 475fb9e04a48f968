// Share-link tokens, signed with HMAC-SHA256 under the server's share key. Links made now carry the short
// form, `<share id>.<signature>` (33 characters, so a QR code of the link stays sparse for a room to
// scan): the share record it names says what it opens, until when and whether answering is allowed. Links
// made before carry the long form, `s1.<grant>.<signature>`, with all of that signed into the token; they
// keep working. Changing the key ends both.
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

const sign = (payload: string, key: Buffer, version = VERSION) =>
  createHmac('sha256', key).update(`${version}.${payload}`).digest('base64url');

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

const SHORT_VERSION = 's2';
/** 96 bits of the short form's HMAC: guessing one takes 2^95 tries on average, each a request. */
const SHORT_SIGNATURE_LENGTH = 16;
const SHARE_ID = /^[A-Za-z0-9_-]{1,64}$/;

const signShort = (shareId: string, key: Buffer) =>
  sign(shareId, key, SHORT_VERSION).slice(0, SHORT_SIGNATURE_LENGTH);

/** The short form: the share record's id and a signature of it; the record holds the grant. */
export function signShortShareToken(shareId: string, key: Buffer): string {
  return `${shareId}.${signShort(shareId, key)}`;
}

/** A good token's share id; a long token also gives the grant it signed. */
export type TokenCheck =
  { ok: true; shareId: string; grant?: ShareGrant } | { ok: false; reason: 'invalid' | 'expired' };

const signedWith = (signature: string, expected: string) => {
  const presented = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return presented.length === wanted.length && timingSafeEqual(presented, wanted);
};

/**
 * What a token well-formed and signed with `key` names: a short one its share record's id, a long one its
 * whole grant (an expired grant is told apart from a forged token).
 */
export function verifyShareToken(token: string, key: Buffer, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length === 2) {
    const [shareId, signature] = parts;
    if (!SHARE_ID.test(shareId) || !signedWith(signature, signShort(shareId, key)))
      return { ok: false, reason: 'invalid' };
    return { ok: true, shareId };
  }
  if (parts.length !== 3 || parts[0] !== VERSION || parts[1].length > 2048)
    return { ok: false, reason: 'invalid' };
  const [, payload, signature] = parts;
  if (!signedWith(signature, sign(payload, key))) return { ok: false, reason: 'invalid' };
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
  return { ok: true, shareId: grant.shareId, grant };
}
