import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signShareToken, verifyShareToken, type ShareGrant } from './token';

const key = randomBytes(32);
const grant: ShareGrant = {
  shareId: 'abc',
  target: { kind: 'run', id: 'run-1' },
  expiresAt: Date.now() + 60_000,
  allowAnswer: false,
};

describe('share tokens', () => {
  it('carry their grant back when signed with the same key', () => {
    expect(verifyShareToken(signShareToken(grant, key), key)).toEqual({ ok: true, grant });
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
    expect(verifyShareToken(signShareToken(experiment, key), key)).toEqual({ ok: true, grant: experiment });
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
});
