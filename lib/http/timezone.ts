import { ApiError } from '../errors';
import type { ApiRequest } from './api-request';

// Building an Intl.DateTimeFormat takes a tenth of a millisecond or more, so each answer is kept: the
// server's zone, and the zones already found valid (bounded: Intl also accepts any spelling's case).
const MAX_REMEMBERED_ZONES = 1_000;
let serverZone: string | undefined;
const serverTimezone = () => (serverZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
const validZones = new Set<string>();

/** The X-Timezone header as a valid IANA zone, or the server's zone when absent. */
export function requestTimezone(request: ApiRequest): string {
  const zone = request.headers.get('x-timezone')?.trim();
  if (!zone) return serverTimezone();
  if (validZones.has(zone)) return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    if (validZones.size < MAX_REMEMBERED_ZONES) validZones.add(zone);
    return zone;
  } catch {
    throw new ApiError('INVALID_REQUEST', `Unknown time zone "${zone.slice(0, 64)}" in X-Timezone`, {
      issues: [{ path: 'headers.X-Timezone', message: 'Must be an IANA time zone such as Europe/Paris' }],
    });
  }
}
