import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { readQrPath } from '../../test/support/read-qr';
import { darkModulesPath, QR_OPTIONS } from './qr-modules';

describe('QR code of a share link', () => {
  it('draws every dark module as a path a reader decodes back to the link', () => {
    // As long as a real one: a signed token of the share's id, target and expiry.
    const link = `http://127.0.0.1:3000/share/s1.${'eyJzIjoiUxZdVpCRzRCaFpGY2ZVeSIsImMiOiJlMTQ2MTcyZC00MTg3LTQ2ZDYt'.repeat(2)}.x7Qm`;
    const { data, size } = encode(link, QR_OPTIONS);
    expect(readQrPath(darkModulesPath(data), size)).toBe(link);
  });

  it('joins a row’s neighbouring dark modules into one square run and leaves light ones out', () => {
    expect(
      darkModulesPath([
        [true, true, false, true],
        [false, false, false, false],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1z');
  });
});
