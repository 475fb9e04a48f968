// Upstream failures as one clear sentence for the run's error event: what happened, never a key.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export class UpstreamError extends Error {}

export class UpstreamTimeoutError extends UpstreamError {
  constructor(timeoutMs: number) {
    super(`The upstream model did not answer within ${timeoutMs} ms (UPSTREAM_TIMEOUT_MS).`);
  }
}

export function describeUpstreamError(error: unknown, upstream: string): Error {
  if (error instanceof UpstreamError || error instanceof APIUserAbortError) return error as Error;
  if (error instanceof APIConnectionTimeoutError) return new UpstreamError(`The ${upstream} request timed out.`);
  if (error instanceof APIConnectionError) {
    const cause = (error.cause as { code?: string } | undefined)?.code ?? error.message;
    return new UpstreamError(`Could not reach the ${upstream} endpoint (${cause}).`);
  }
  if (error instanceof APIError) {
    const status = error.status;
    if (status === 401 || status === 403) return new UpstreamError(`The ${upstream} endpoint refused the API key (${status}).`);
    if (status === 429) return new UpstreamError(`The ${upstream} endpoint is rate limiting requests (429), also after one retry.`);
    if (status && status >= 500) return new UpstreamError(`The ${upstream} endpoint failed with ${status}.`);
    return new UpstreamError(`The ${upstream} endpoint answered ${status ?? 'an error'}: ${error.message}`);
  }
  return error instanceof Error ? error : new UpstreamError(String(error));
}

/** Seconds (or an HTTP date) from Retry-After, as milliseconds, capped so a run never sleeps for long. */
export function retryAfterMs(headers: Headers | undefined, capMs = 30_000): number {
  const value = headers?.get('retry-after');
  if (!value) return 1000;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Math.min(Math.max(ms, 0), capMs);
}

export function isRateLimited(error: unknown): error is APIError {
  return error instanceof APIError && error.status === 429;
}
