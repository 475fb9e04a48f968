import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue, clientOf } from './client-address';

const request = (headers: Record<string, string>) => new Request('http://127.0.0.1/', { headers });

describe('clientOf', () => {
  it("is the socket's address as the server recorded it, whatever X-Forwarded-For says", () => {
    const recorded = { [CLIENT_ADDRESS_HEADER]: clientAddressHeaderValue('192.0.2.10') };
    expect(clientOf(request({ ...recorded, 'x-forwarded-for': '203.0.113.1' }), { TRUST_PROXY: false })).toBe(
      '192.0.2.10',
    );
  });

  it('cannot be forged by a client sending the header itself', () => {
    const forged = { [CLIENT_ADDRESS_HEADER]: 'guessed-token 203.0.113.1' };
    expect(clientOf(request(forged), { TRUST_PROXY: false })).toBe('unknown');
  });

  it("with TRUST_PROXY is X-Forwarded-For's last entry, the one the proxy added", () => {
    const headers = {
      'x-forwarded-for': '203.0.113.1, 198.51.100.4',
      [CLIENT_ADDRESS_HEADER]: clientAddressHeaderValue('10.0.0.1'),
    };
    expect(clientOf(request(headers), { TRUST_PROXY: true })).toBe('198.51.100.4');
    expect(
      clientOf(request({ [CLIENT_ADDRESS_HEADER]: clientAddressHeaderValue('10.0.0.1') }), {
        TRUST_PROXY: true,
      }),
    ).toBe('10.0.0.1');
  });
});
