// When the dashboard's queries ask again after a failure. A request lost on the way or failed by the
// server is tried once more; a clear answer ("no such run", "not yours") is not: asking again gets the
// same answer, and the page can say so at once instead of a second later.
import { ApiClientError } from './api';

/** Answers that mean "try again later", though they are 4xx. */
const TRANSIENT_CLIENT_ERRORS = new Set([408, 429]);

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiClientError && error.status >= 400 && error.status < 500) {
    if (!TRANSIENT_CLIENT_ERRORS.has(error.status)) return false;
  }
  return failureCount < 1;
}
