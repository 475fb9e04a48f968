import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle';

describe('SignInThrottle', () => {
  it('refuses a client after ten failures within a minute, says when to retry, and forgives after the window', () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle(() => now);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      throttle.check('a');
      throttle.recordFailure('a');
      now += 1000;
    }
    expect(() => throttle.check('a')).toThrow(expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }));
    try {
      throttle.check('a');
    } catch (error) {
      expect((error as { extra: { retryAfterSeconds: number } }).extra.retryAfterSeconds).toBe(50);
    }
    expect(() => throttle.check('b')).not.toThrow();
    now += 50_001;
    expect(() => throttle.check('a')).not.toThrow();
  });
});
