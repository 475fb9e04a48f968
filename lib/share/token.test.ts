import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signShareToken, signShortShareToken, verifyShareToken, type ShareGrant } from './token';

const key = randomBytes(32);
const grant: ShareGrant = {
  shareId: 'abc',
  target: { kind: 'run', id: 'run-1' },
  expiresAt: Date.now() + 60_000,
  allowAnswer: false,
};

describe('share tokens', () => {
  it('carry their grant back when signed with the same key', () => {
    expect(verifyShareToken(signShareToken(grant, key), key)).toEqual({ ok: true, shareId: 'abc', grant });
  });

  it('are refused when signed with another key, altered, truncated or malformed', () => {
    const token = signShareToken(grant, key);
    expect(verifyShareToken(signShareToken(grant, randomBytes(32)), key)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const [version, , signature] = token.split('.');
    for (const changed of [
      { ...grant, target: { kind: 'run' as const, id: 'run-2' } },
      { ...grant, target: { kind: 'experiment' as const, id: 'run-1' } },
      { ...grant, allowAnswer: true },
      { ...grant, expiresAt: grant.expiresAt + 1 },
    ]) {
      const payload = signShareToken(changed, randomBytes(32)).split('.')[1];
      expect(verifyShareToken(`${version}.${payload}.${signature}`, key).ok).toBe(false);
    }
    for (const bad of [token.slice(0, -2), `${token}x`, '', 'a.b', 'a.b.c.d', `s2.${token.slice(3)}`]) {
      expect(verifyShareToken(bad, key)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it("carry the kind of what they open, and read a run's token made before kinds existed as a run's", () => {
    const experiment: ShareGrant = { ...grant, target: { kind: 'experiment', id: 'exp_1' } };
    expect(verifyShareToken(signShareToken(experiment, key), key)).toEqual({
      ok: true,
      shareId: 'abc',
      grant: experiment,
    });
    const [version, payload] = signShareToken(grant, key).split('.');
    expect(Object.keys(JSON.parse(Buffer.from(payload, 'base64url').toString()))).toEqual([
      's',
      'c',
      'e',
      'a',
    ]);
    expect(version).toBe('s1');
  });

  it('say "expired" once their time has passed, and only for a genuine token', () => {
    const token = signShareToken(grant, key);
    expect(verifyShareToken(token, key, grant.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyShareToken(token, randomBytes(32), grant.expiresAt)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('in the short form, name only their share record, signed, in at most 40 characters', () => {
    const shareId = 'Qm3xY_8a-7KZpL0w';
    const token = signShortShareToken(shareId, key);
    expect(token.length).toBeLessThanOrEqual(40);
    expect(verifyShareToken(token, key)).toEqual({ ok: true, shareId });
    const signature = token.split('.')[1];
    for (const bad of [
      signShortShareToken(shareId, randomBytes(32)),
      `${shareId.slice(0, -1)}x.${signature}`,
      `${shareId}.${signature.slice(0, -1)}`,
      `${shareId}.${signature}x`,
      `${shareId}.`,
      `.${signature}`,
      `a b.${signature}`,
      shareId,
    ]) {
      expect(verifyShareToken(bad, key)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
