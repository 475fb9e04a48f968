import { describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../dispatch/schema';
import { eventRedactor, REDACTED, redactRequest, secretScrubber } from './redact';

const request: DispatchRequest = {
  messages: [{ type: 'user', text: 'use key sk-live-abcdef123 please' }],
  extensions: {
    skillsets: [
      { abilities: [{ name: 'a', description: 'd', instruction: 'i', secretId: 'sec_0123456789' }] },
    ],
  },
};

describe('secret redaction', () => {
  it('shows a marker instead of every secretId, and replaces configured secrets anywhere in the request', () => {
    const shown = redactRequest(request, ['sk-live-abcdef123']);
    expect(shown.extensions?.skillsets?.[0].abilities[0].secretId).toBe(REDACTED);
    expect(shown.messages[0].text).toBe(`use key ${REDACTED} please`);
    expect(request.extensions?.skillsets?.[0].abilities[0].secretId).toBe('sec_0123456789');
  });

  it('replaces secrets in events, including ones JSON would escape, and leaves other events untouched', () => {
    const redact = eventRedactor(['sec_0123456789', 'quo"te-secret']);
    const token = { type: 'token' as const, data: { token: 'hello' } };
    expect(redact(token)).toBe(token);
    expect(redact({ type: 'error', data: { message: 'bad key sec_0123456789!' } })).toEqual({
      type: 'error',
      data: { message: `bad key ${REDACTED}!` },
    });
    expect(redact({ type: 'error', data: { message: 'x quo"te-secret y' } }).data).toEqual({
      message: `x ${REDACTED} y`,
    });
  });

  it('ignores values too short to be secrets', () => {
    expect(secretScrubber(['abc'])('abc def')).toBe('abc def');
  });
});
