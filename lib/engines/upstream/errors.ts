// Upstream failures as one clear sentence for the run's error event: what happened, never a key.

export class UpstreamError extends Error {}

export class UpstreamTimeoutError extends UpstreamError {
  constructor(timeoutMs: number) {
    super(`The upstream model did not answer within ${timeoutMs} ms (UPSTREAM_TIMEOUT_MS).`);
  }
}

/**
 * An answer other than 2xx (`status`), or an error the upstream reported inside its stream (no status);
 * the message is the upstream's own description.
 */
export class UpstreamStatusError extends Error {
  constructor(
    readonly status: number | undefined,
    detail: string,
    /** The Retry-After header, for a 429. */
    readonly retryAfter?: string,
  ) {
    super(detail);
  }
}

/** No connection (`midStream` false: refused, DNS, TLS…), or it broke while the answer streamed. */
export class UpstreamConnectionError extends Error {
  constructor(
    readonly code: string,
    readonly midStream: boolean,
  ) {
    super(code);
  }
}

/** An error answer's description: `error.message` of a JSON body (OpenAI's shape), else the text. */
export function statusErrorDetail(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim();
  }
  return reportedErrorDetail((parsed as { error?: unknown } | null)?.error);
}

/** The `error` member of a body or stream event, as text. */
export function reportedErrorDetail(error: unknown): string {
  if (error === undefined || error === null) return '';
  const message = (error as { message?: unknown }).message;
  if (message) return typeof message === 'string' ? message : JSON.stringify(message);
  return JSON.stringify(error);
}

export function describeUpstreamError(error: unknown, upstream: string): Error {
  if (error instanceof UpstreamError) return error;
  if (error instanceof UpstreamConnectionError) {
    return new UpstreamError(
      error.midStream
        ? `The ${upstream} stream ended before the completion finished (${error.code}).`
        : `Could not reach the ${upstream} endpoint (${error.code}).`,
    );
  }
  if (error instanceof UpstreamStatusError) {
    const { status } = error;
    if (status === 401 || status === 403) return new UpstreamError(`The ${upstream} endpoint refused the API key (${status}).`);
    if (status === 429) return new UpstreamError(`The ${upstream} endpoint is rate limiting requests (429), also after one retry.`);
    if (status && status >= 500) return new UpstreamError(`The ${upstream} endpoint failed with ${status}.`);
    const detail = error.message || 'no description';
    return new UpstreamError(`The ${upstream} endpoint answered ${status ?? 'an error'}: ${detail}`);
  }
  return error instanceof Error ? error : new UpstreamError(String(error));
}

/** Seconds (or an HTTP date) from Retry-After, as milliseconds, capped so a run never sleeps for long. */
export function retryAfterMs(value: string | undefined, capMs = 30_000): number {
  if (!value) return 1000;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Math.min(Math.max(ms, 0), capMs);
}

export function isRateLimited(error: unknown): error is UpstreamStatusError {
  return error instanceof UpstreamStatusError && error.status === 429;
}
