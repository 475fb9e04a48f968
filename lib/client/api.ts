// Browser-side calls to our own API. Errors come back as ApiClientError with the server's issues.
import type { DispatchRequest } from '../dispatch/schema';
import type { EngineAvailability } from '../engines';
import type { SignInRequest } from '../http/sign-in-schema';
import type { DashboardNotice } from '../runs/notices';
import type { RunsOverview } from '../runs/overview';
import { type RunActionKind, type RunActionsResult } from '../runs/run-actions-shape';
import type { RunSummary } from '../runs/summary';
import type { RunSource } from '../store/run-source';
import type { SharedDetail } from '../share/share-schema';
import type { ShareTarget } from '../share/share-store';
import type { DeliveryAttempt, RecentAttempt } from '../webhooks/outbox';
import type { TestEventResult } from '../webhooks/test-event';
import type { RunStatus } from '../run-status';

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

const SHARE_API = '/api/share/';

export const UNREACHABLE =
  'The server could not be reached. Check the connection or that the server is running, then try again.';

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    method: rest.method ?? (json === undefined ? 'GET' : 'POST'),
    headers: { ...(json !== undefined && { 'content-type': 'application/json' }), ...rest.headers },
    body: json === undefined ? rest.body : JSON.stringify(json),
  }).catch((error: unknown) => {
    // The browser's own words for a request that never got an answer ("Failed to fetch") mean nothing to
    // the person reading the page; a cancelled request (AbortError) goes on as it is.
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new ApiClientError(UNREACHABLE, 0, 'NETWORK_ERROR');
  });
  if (
    response.status === 401 &&
    typeof window !== 'undefined' &&
    window.location.pathname !== '/sign-in' &&
    // A share link's call carries its own token: 401 there means the link is not valid, not a lapsed session.
    !path.startsWith(SHARE_API)
  ) {
    // The session cookie expired or its secret was removed: sign in again and come back here. A full
    // page load (not router.push) so no client state from the ended session survives.
    const here = `${window.location.pathname}${window.location.search}`;
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- full load intended, see above
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      message?: string;
      code?: string;
      issues?: ApiIssue[];
    };
    throw new ApiClientError(
      body.message ?? response.statusText,
      response.status,
      body.code ?? 'UNKNOWN',
      body.issues,
    );
  }
  return (await response.json()) as T;
}

export function dispatchConversation(
  request: DispatchRequest,
  timezone?: string,
): Promise<{ channelId: string }> {
  return apiFetch('/api/v1/conversation/dispatch', {
    json: request,
    headers: timezone ? { 'x-timezone': timezone } : undefined,
  });
}

export const signInSession = (request: SignInRequest) =>
  apiFetch<{ signedIn: boolean }>('/api/session', { json: request });

export const signOutSession = () => apiFetch<{ signedIn: boolean }>('/api/session', { method: 'DELETE' });

export interface RunDetail {
  run: RunSummary;
  request: DispatchRequest;
  timezone: string;
}

export interface RunListResponse {
  items: RunSummary[];
  nextCursor: string | null;
}

export const getRun = (channelId: string) =>
  apiFetch<RunDetail>(`/api/runs/${encodeURIComponent(channelId)}`);

/** The run without its request: for polling a live run's status. */
export const getRunStatus = (channelId: string) =>
  apiFetch<Omit<RunDetail, 'request'>>(`/api/runs/${encodeURIComponent(channelId)}?fields=run`);

/** The runs list's filters, as kept in the page URL and sent to GET /api/runs. */
export interface RunListFilter {
  status?: RunStatus;
  engine?: string;
  since?: 'hour' | 'day' | 'week';
  search?: string;
  source?: RunSource;
}

function runListParams(query: RunListFilter & { cursor?: string; limit?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.engine) params.set('engine', query.engine);
  if (query.since) params.set('since', query.since);
  if (query.search) params.set('search', query.search);
  if (query.source) params.set('source', query.source);
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.limit) params.set('limit', String(query.limit));
  return params;
}

export function listRuns(
  query: RunListFilter & { cursor?: string; limit?: number },
): Promise<RunListResponse> {
  return apiFetch(`/api/runs?${runListParams(query)}`);
}

/** Where the runs that match `filter` download as a CSV file (GET /api/runs/export). */
export function runsExportUrl(filter: RunListFilter): string {
  const params = runListParams(filter).toString();
  return params ? `/api/runs/export?${params}` : '/api/runs/export';
}

/**
 * At most this many runs are chosen by "every run that matches" (the list's selection): about 3 MB of
 * summaries in the browser, acted on one request per RUN_ACTIONS_MAX of them.
 */
export const MATCHING_RUNS_MAX = 10_000;
/** The most runs one page of GET /api/runs holds. */
const RUNS_PAGE_MAX = 200;

/**
 * Every run matching the filters, newest first, read page by page up to `max`; `more` when some were left.
 * `onProgress` hears how many have been read so far, after each page.
 */
export async function listMatchingRuns(
  filter: RunListFilter,
  { max = MATCHING_RUNS_MAX, onProgress }: { max?: number; onProgress?: (read: number) => void } = {},
): Promise<{ runs: RunSummary[]; more: boolean }> {
  const runs: RunSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns({ ...filter, cursor, limit: Math.min(RUNS_PAGE_MAX, max - runs.length) });
    runs.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    onProgress?.(runs.length);
  } while (cursor && runs.length < max);
  return { runs, more: Boolean(cursor) };
}

/** Cancels or retries up to RUN_ACTIONS_MAX runs in one request; each refusal comes back with its run. */
export const applyRunActions = (action: RunActionKind, channelIds: string[]) =>
  apiFetch<RunActionsResult>('/api/runs/actions', { json: { action, channelIds } });

export const cancelRun = (channelId: string) =>
  apiFetch<{ run: RunSummary }>(`/api/runs/${encodeURIComponent(channelId)}/cancel`, { method: 'POST' });

export const retryRun = (channelId: string) =>
  apiFetch<{ channelId: string }>(`/api/runs/${encodeURIComponent(channelId)}/retry`, { method: 'POST' });

export const publishToChannel = (channel: string, message: unknown) =>
  apiFetch<{ id: string }>(`/api/v1/channel/${encodeURIComponent(channel)}/publish`, { json: { message } });

export const getOverview = (window: string) =>
  apiFetch<RunsOverview>(`/api/runs/overview?window=${encodeURIComponent(window)}`);

export const getDeliveries = (channelId: string) =>
  apiFetch<{ items: DeliveryAttempt[] }>(`/api/runs/${encodeURIComponent(channelId)}/deliveries`);

export interface WebhooksOverview {
  receivers: string[];
  events: string[];
  retryBaseMs: number;
  maxAttempts: number;
  recent: RecentAttempt[];
}

export const getWebhooks = () => apiFetch<WebhooksOverview>('/api/webhooks');

export const sendWebhookTest = () =>
  apiFetch<{ results: TestEventResult[] }>('/api/webhooks/test', { method: 'POST' });

export const getNotices = (after: string | undefined) =>
  apiFetch<{ cursor: string | null; items: DashboardNotice[] }>(
    `/api/runs/notices${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`,
  );

export const getEngines = () => apiFetch<{ engines: EngineAvailability[] }>('/api/engines');

/** Answers the function one run waits on; other runs waiting on the same channel are not touched. */
export const answerRun = (channelId: string, channel: string, message: unknown) =>
  apiFetch<{ id: string }>(`/api/runs/${encodeURIComponent(channelId)}/answer`, {
    json: { channel, message },
  });

export interface ShareLink {
  id: string;
  path: string;
  createdAt: number;
  expiresAt: number;
  allowAnswer: boolean;
}

const shareLinksPath = (target: ShareTarget) =>
  `/api/${target.kind === 'run' ? 'runs' : 'experiments'}/${encodeURIComponent(target.id)}/shares`;

export const listShareLinks = (target: ShareTarget) =>
  apiFetch<{ shares: ShareLink[] }>(shareLinksPath(target));

export const createShareLink = (
  target: ShareTarget,
  options: { expiresInSeconds: number; allowAnswer: boolean },
) => apiFetch<{ share: ShareLink }>(shareLinksPath(target), { json: options });

export const revokeShareLink = (target: ShareTarget, shareId: string) =>
  apiFetch<{ revoked: boolean }>(`${shareLinksPath(target)}/${encodeURIComponent(shareId)}`, {
    method: 'DELETE',
  });

/** The API of one share link; no session needed (the token is the whole credential). */
export const sharePath = (token: string) => `${SHARE_API}${encodeURIComponent(token)}`;

/** What a share link opens: a run or an experiment. */
export const getShared = (token: string) => apiFetch<SharedDetail>(sharePath(token));

export const answerSharedRun = (token: string, channel: string, message: unknown) =>
  apiFetch<{ id: string }>(`${sharePath(token)}/answer`, { json: { channel, message } });
