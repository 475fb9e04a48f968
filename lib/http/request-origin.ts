// Refuses requests a browser was tricked into sending. A page on another site (or another port of this
// host) must not change anything here: state-changing requests whose Origin or Sec-Fetch-Site says they
// come from elsewhere get 403. Requests without either header (curl, the SDK, server-to-server) are not
// browser requests and pass. A Host header naming a server we are not (DNS rebinding: evil.example
// resolving to 127.0.0.1) gets 421 for every request, reads included.
import os from 'node:os';
import { bindAddress, type AppConfig } from '../config';
import { ApiError } from '../errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type HostConfig = Pick<AppConfig, 'HOST' | 'API_SECRET' | 'ALLOWED_HOSTS'>;

const bracketed = (address: string) =>
  address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;

/** The host name of a Host header (or URL host), lower-cased and without its port; IPv6 keeps its brackets. */
export function hostNameOf(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':', 1)[0];
}

/**
 * The names this server answers to: loopback, the address it is bound to (bindAddress; when that is a wildcard,
 * this machine's own addresses and name), and ALLOWED_HOSTS. `*` in ALLOWED_HOSTS turns the check off.
 */
export function allowedHostNames(config: HostConfig): Set<string> | 'any' {
  const extra = (config.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (extra.includes('*')) return 'any';
  const names = new Set([...LOOPBACK_NAMES, ...extra.map(hostNameOf)]);
  const bound = bindAddress(config).toLowerCase();
  if (WILDCARD_ADDRESSES.includes(bound)) {
    names.add(os.hostname().toLowerCase());
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const { address } of addresses ?? []) names.add(bracketed(address.toLowerCase()));
    }
  } else names.add(hostNameOf(bracketed(bound)));
  return names;
}

/** Reads one request header (null when absent), whatever the request's shape. */
export type HeaderReader = (name: string) => string | null;

/** 421 when the Host header names a server other than this one. */
export function assertAllowedHost(header: HeaderReader, allowed: Set<string> | 'any'): void {
  const host = header('host');
  if (allowed === 'any' || host === null || allowed.has(hostNameOf(host))) return;
  throw new ApiError(
    'MISDIRECTED_REQUEST',
    'This server does not answer to that host name; add it to ALLOWED_HOSTS if it is meant to',
  );
}

/**
 * 403 when a browser sends a state-changing request from another origin. Sec-Fetch-Site is the browser's
 * own verdict ("same-site" covers other ports of this host, which are refused too); Origin is compared
 * with the host the request was sent to (the proxy's X-Forwarded-Host with TRUST_PROXY).
 */
export function assertSameOrigin(
  method: string,
  header: HeaderReader,
  config: Pick<AppConfig, 'TRUST_PROXY'>,
): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const site = header('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') throw crossSite();
  const origin = header('origin');
  if (origin === null) return;
  const forwardedHost = config.TRUST_PROXY ? header('x-forwarded-host')?.split(',')[0] : undefined;
  const host = (forwardedHost ?? header('host') ?? '').trim().toLowerCase();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (origin === 'null' || originHost !== host) throw crossSite();
}

const crossSite = () =>
  new ApiError('FORBIDDEN', 'Requests from other sites are not accepted; use this site or an API client');
