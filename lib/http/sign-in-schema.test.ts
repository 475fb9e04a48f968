import { describe, expect, it } from 'vitest';
import { safeNextPath } from './sign-in-schema';

/** Where a browser on http://app.test would land after `location.assign(next)`. */
const landing = (next: string) => new URL(next, 'http://app.test/sign-in').origin;

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and hash', () => {
    expect(safeNextPath('/runs')).toBe('/runs');
    expect(safeNextPath('/runs/abc?status=failed#end')).toBe('/runs/abc?status=failed#end');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\\\\evil.example',
    '\\/evil.example',
    '/\t\\evil.example',
    ' //evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '///evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/\u0000/evil.example',
  ])('never leads off this site for %j', (next) => {
    const safe = safeNextPath(next);
    expect(safe.startsWith('/')).toBe(true);
    expect(safe.startsWith('//')).toBe(false);
    expect(landing(safe)).toBe('http://app.test');
  });

  it('falls back to the builder for anything that is not a path', () => {
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('')).toBe('/');
    expect(safeNextPath('evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example/runs')).toBe('/');
    expect(safeNextPath('//evil.example/runs')).toBe('/');
  });
});
