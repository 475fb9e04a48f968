import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { allowedHostNames, assertAllowedHost, assertSameOrigin, hostNameOf } from './request-origin';

const reader = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;
const hosts = (env: Record<string, string>) => allowedHostNames(parseConfig(env));

describe('allowed Host names', () => {
  it('are loopback names by default, plus the bound address and ALLOWED_HOSTS, compared without port or case', () => {
    const allowed = hosts({ HOST: '192.0.2.7', ALLOWED_HOSTS: 'Studio.Example:443' });
    for (const host of [
      'localhost:3000',
      '127.0.0.1',
      '[::1]:3000',
      '192.0.2.7:3000',
      'studio.example',
      'STUDIO.example:8080',
    ]) {
      expect(() => assertAllowedHost(reader({ host }), allowed), host).not.toThrow();
    }
    expect(() => assertAllowedHost(reader({ host: 'evil.example:3000' }), allowed)).toThrow(
      expect.objectContaining({ code: 'MISDIRECTED_REQUEST' }),
    );
    expect(() => assertAllowedHost(reader({ host: '192.0.2.8' }), allowed)).toThrow();
  });

  it("include this machine's addresses and name when bound to all interfaces, and anything with *", () => {
    const allowed = hosts({ HOST: '0.0.0.0' });
    expect(allowed).not.toBe('any');
    expect(allowed).toContain(os.hostname().toLowerCase());
    expect(allowed).toContain('127.0.0.1');
    expect(hosts({ ALLOWED_HOSTS: 'a.example,*' })).toBe('any');
  });

  it('refuse ALLOWED_HOSTS values that are not host names at start-up', () => {
    expect(() => parseConfig({ ALLOWED_HOSTS: 'https://studio.example' })).toThrow(/ALLOWED_HOSTS/);
  });

  it('are read from Host headers with IPv6 brackets kept', () => {
    expect(hostNameOf('[::1]:3000')).toBe('[::1]');
    expect(hostNameOf('Example.COM:80')).toBe('example.com');
  });
});

describe('same-origin check', () => {
  const config = { TRUST_PROXY: false };
  const site = { host: '127.0.0.1:3000' };

  it('lets safe methods and requests without browser headers through', () => {
    expect(() =>
      assertSameOrigin('GET', reader({ ...site, origin: 'https://evil.example' }), config),
    ).not.toThrow();
    expect(() => assertSameOrigin('POST', reader(site), config)).not.toThrow();
    expect(() =>
      assertSameOrigin('POST', reader({ ...site, origin: 'http://127.0.0.1:3000' }), config),
    ).not.toThrow();
  });

  it.each<Record<string, string>>([
    { origin: 'http://127.0.0.1:8999' },
    { origin: 'https://127.0.0.1:3000:1' },
    { origin: 'null' },
    { origin: 'not a url' },
    { 'sec-fetch-site': 'same-site' },
    { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000' },
  ])('refuses %j for a POST', (headers) => {
    expect(() => assertSameOrigin('POST', reader({ ...site, ...headers }), config)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('compares with the forwarded host only behind a trusted proxy', () => {
    const proxied = {
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'studio.example',
      origin: 'https://studio.example',
    };
    expect(() => assertSameOrigin('POST', reader(proxied), { TRUST_PROXY: true })).not.toThrow();
    expect(() => assertSameOrigin('POST', reader(proxied), { TRUST_PROXY: false })).toThrow();
  });
});
