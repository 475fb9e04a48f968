// Who the client is, for throttling. X-Forwarded-For is only believed with TRUST_PROXY=true (a proxy in
// front sets it); otherwise any client could pick its own throttle key or lock out someone else's. The
// socket's address reaches route handlers through a header the server itself sets on every request
// (lib/server/request-guards.ts), marked with a per-process token so a client cannot forge it.
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config';
import type { ApiRequest } from './api-request';

export const CLIENT_ADDRESS_HEADER = 'x-dispatch-client-address';
const TOKEN_KEY = Symbol.for('dispatch-studio.client-address-token');

/** A random token known only to this process (kept on globalThis: Next bundles modules more than once). */
export function clientAddressToken(): string {
  const holder = globalThis as typeof globalThis & { [TOKEN_KEY]?: string };
  holder[TOKEN_KEY] ??= randomUUID();
  return holder[TOKEN_KEY];
}

/** The header value the server sets for a request from `address`. */
export const clientAddressHeaderValue = (address: string) => `${clientAddressToken()} ${address}`;

/**
 * The client's address: with TRUST_PROXY the last X-Forwarded-For entry (the one the proxy in front
 * added; earlier ones are whatever the client sent), else the socket's address.
 */
export function clientOf(request: ApiRequest, config: Pick<AppConfig, 'TRUST_PROXY'>): string {
  if (config.TRUST_PROXY) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const [token, address] = (request.headers.get(CLIENT_ADDRESS_HEADER) ?? '').split(' ');
  return token === clientAddressToken() && address ? address : 'unknown';
}
