import { describe, expect, it } from 'vitest';
import { matchSecret, ownerOfSecret } from '../secrets/api-secrets';
import { createSessionValue, SESSION_MAX_AGE_SECONDS, verifySessionValue } from './session';

const config = { API_SECRET: 'first-secret-aaaa,second-secret-bbbb', SESSION_SECRET: undefined };

describe('session cookie values', () => {
  it('verify as the owner of the secret that signed in', () => {
    const value = createSessionValue('second-secret-bbbb', config);
    expect(verifySessionValue(value, config)).toEqual({ owner: ownerOfSecret('second-secret-bbbb') });
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

  it('are refused when any part is changed', () => {
    const [version, owner, expires, signature] = createSessionValue('first-secret-aaaa', config).split('.');
    const other = ownerOfSecret('second-secret-bbbb');
    for (const bad of [
      `${version}.${other}.${expires}.${signature}`,
      `${version}.${owner}.${Number(expires) + 1}.${signature}`,
      `${version}.${owner}.${expires}.${signature.slice(1)}`,
      `v2.${owner}.${expires}.${signature}`,
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
