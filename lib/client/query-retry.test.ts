import { describe, expect, it } from 'vitest';
import { ApiClientError, UNREACHABLE } from './api';
import { shouldRetryQuery } from './query-retry';

describe('shouldRetryQuery', () => {
  it('does not ask again after "no such run" or "not yours"', () => {
    for (const status of [400, 401, 403, 404, 410]) {
      expect(shouldRetryQuery(0, new ApiClientError('refused', status, 'X'))).toBe(false);
    }
  });

  it('asks once more after a lost connection, a server failure or "too many requests", then stops', () => {
    for (const error of [
      new ApiClientError(UNREACHABLE, 0, 'NETWORK_ERROR'),
      new ApiClientError('Internal server error', 500, 'INTERNAL_ERROR'),
      new ApiClientError('Slow down', 429, 'RATE_LIMITED'),
      new Error('Subscribe answered 502'),
    ]) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(1, error)).toBe(false);
    }
  });
});
