// Browser-side calls to our own API. Errors come back as ApiClientError with the server's issues.
import type { DispatchRequest } from '../dispatch/schema';
import type { SignInRequest } from '../http/sign-in-schema';

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiClientError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    method: rest.method ?? (json === undefined ? 'GET' : 'POST'),
    headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...rest.headers },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
  if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/session')) {
    // The session cookie expired or its secret was removed: sign in again and come back here. A full
    // page load (not router.push) so no client state from the ended session survives.
    const here = `${window.location.pathname}${window.location.search}`;
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- full load intended, see above
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string; issues?: ApiIssue[] };
    throw new ApiClientError(body.message ?? response.statusText, response.status, body.code ?? 'UNKNOWN', body.issues);
  }
  return (await response.json()) as T;
}

export function dispatchConversation(request: DispatchRequest, timezone?: string): Promise<{ channelId: string }> {
  return apiFetch('/api/v1/conversation/dispatch', {
    json: request,
    headers: timezone ? { 'x-timezone': timezone } : undefined,
  });
}

export const signInSession = (request: SignInRequest) => apiFetch<{ signedIn: boolean }>('/api/session', { json: request });

export const signOutSession = () => apiFetch<{ signedIn: boolean }>('/api/session', { method: 'DELETE' });
