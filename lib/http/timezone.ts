import { ApiError } from '../errors';

const serverTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The X-Timezone header as a valid IANA zone, or the server's zone when absent. */
export function requestTimezone(request: Request): string {
  const zone = request.headers.get('x-timezone')?.trim();
  if (!zone) return serverTimezone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new ApiError('INVALID_REQUEST', `Unknown time zone "${zone.slice(0, 64)}" in X-Timezone`, {
      issues: [{ path: 'headers.X-Timezone', message: 'Must be an IANA time zone such as Europe/Paris' }],
    });
  }
}
