import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, UNREACHABLE, listRuns } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('calls that never get an answer', () => {
  it('say in plain words that the server could not be reached, not "Failed to fetch"', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const call = listRuns({});
    await expect(call).rejects.toBeInstanceOf(ApiClientError);
    await expect(call).rejects.toMatchObject({ message: UNREACHABLE, code: 'NETWORK_ERROR', status: 0 });
  });

  it('let a cancelled request stay cancelled', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.reject(new DOMException('The operation was aborted.', 'AbortError')),
    );
    await expect(listRuns({})).rejects.toMatchObject({ name: 'AbortError' });
  });
});
