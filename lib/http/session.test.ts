import { describe, expect, it } from 'vitest';
import { matchSecret, ownerOfSecret } from '../secrets/api-secrets';
import { createSessionValue, SESSION_MAX_AGE_SECONDS, verifySessionValue } from './session';

const config = { API_SECRET: 'first-secret-aaaa,second-secret-bbbb', SESSION_SECRET: undefined };

describe('session cookie values', () => {
  it('verify as the owner of the secret that signed in', () => {
    const value = createSessionValue('second-secret-bbbb', config);
    expect(verifySessionValue(value, config)).toMatchObject({ owner: ownerOfSecret('second-secret-bbbb') });
    expect(value).not.toContain('second-secret-bbbb');
  });

  it('expire after the session lifetime', () => {
    const now = Date.now();
    const value = createSessionValue('first-secret-aaaa', config, now);
    expect(verifySessionValue(value, config, now + SESSION_MAX_AGE_SECONDS * 1000 - 1)).toBeDefined();
    expect(verifySessionValue(value, config, now + SESSION_MAX_AGE_SECONDS * 1000)).toBeUndefined();
  });

  it('stop working when their secret is removed or SESSION_SECRET changes', () => {
    const value = createSessionValue('first-secret-aaaa', config);
    expect(verifySessionValue(value, { ...config, API_SECRET: 'second-secret-bbbb' })).toBeUndefined();
    expect(verifySessionValue(value, { ...config, SESSION_SECRET: 'rotated' })).toBeUndefined();
  });

  it('name a different session on every sign-in, so one can be revoked alone', () => {
    const first = verifySessionValue(createSessionValue('first-secret-aaaa', config), config);
    const second = verifySessionValue(createSessionValue('first-secret-aaaa', config), config);
    expect(first?.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first?.sessionId).not.toBe(second?.sessionId);
  });

  it('are refused when any part is changed', () => {
    const [version, owner, expires, id, signature] = createSessionValue('first-secret-aaaa', config).split(
      '.',
    );
    const other = ownerOfSecret('second-secret-bbbb');
    const otherId = createSessionValue('first-secret-aaaa', config).split('.')[3];
    for (const bad of [
      `${version}.${other}.${expires}.${id}.${signature}`,
      `${version}.${owner}.${Number(expires) + 1}.${id}.${signature}`,
      `${version}.${owner}.${expires}.${otherId}.${signature}`,
      `${version}.${owner}.${expires}.${id}.${signature.slice(1)}`,
      `v1.${owner}.${expires}.${id}.${signature}`,
      `v1.${owner}.${expires}.${signature}`,
      '',
      'garbage',
    ]) {
      expect(verifySessionValue(bad, config)).toBeUndefined();
    }
  });
});

describe('secret matching', () => {
  it('finds the configured secret equal to the candidate and nothing else', () => {
    const secrets = ['first-secret-aaaa', 'second-secret-bbbb'];
    expect(matchSecret('second-secret-bbbb', secrets)).toBe('second-secret-bbbb');
    expect(matchSecret('second-secret-bbb', secrets)).toBeUndefined();
    expect(matchSecret('', secrets)).toBeUndefined();
    expect(ownerOfSecret('first-secret-aaaa')).toMatch(/^key_[0-9a-f]{16}$/);
  });
});
