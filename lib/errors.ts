// One error type for everything the API can refuse; `errorResponse` is the only place it becomes HTTP.
import { z } from 'zod';
import { getLogger } from './ops/logger';
import { withUnknownFieldsApart } from './plain-issues';

export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'GONE'
  | 'CONTENT_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MISDIRECTED_REQUEST'
  | 'TOO_MANY_REQUESTS'
  | 'INSUFFICIENT_STORAGE'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE';

const statusByCode: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GONE: 410,
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MISDIRECTED_REQUEST: 421,
  TOO_MANY_REQUESTS: 429,
  INSUFFICIENT_STORAGE: 507,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

export interface IssueDetail {
  path: string;
  message: string;
}

// Next bundles route handlers and instrumentation separately, so one process can hold several copies
// of this class: recognise an ApiError by a process-wide brand, not by `instanceof`.
const API_ERROR_BRAND = Symbol.for('dispatch-studio.ApiError');

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && API_ERROR_BRAND in value;
}

export class ApiError extends Error {
  readonly [API_ERROR_BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { issues?: IssueDetail[]; retryAfterSeconds?: number; allow?: readonly string[] } = {},
  ) {
    super(message);
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

/** The issues of a zod error, each unknown field at its own path. Parse with `plainIssues` for plain words. */
export function issuesFromZod(error: z.ZodError, prefix: (string | number)[] = []): IssueDetail[] {
  return withUnknownFieldsApart(error.issues).map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/** How many problems a 400's `message` names; `issues` has them all. */
const PROBLEMS_IN_MESSAGE = 5;

/**
 * The one 400 for a request with problems: each in `issues` with its path, and up to five of them in the
 * message, so a client that shows only the message still sees more than the first.
 */
export function invalidRequestFor(issues: IssueDetail[]): ApiError {
  const named = issues
    .slice(0, PROBLEMS_IN_MESSAGE)
    .map((issue) => `${issue.path || 'body'}: ${issue.message}`);
  const more = issues.length - named.length;
  const list = more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
  return new ApiError('INVALID_REQUEST', list ? `Invalid request: ${list}` : 'Invalid request', { issues });
}

export function invalidRequest(error: z.ZodError, prefix: (string | number)[] = []): ApiError {
  return invalidRequestFor(issuesFromZod(error, prefix));
}

export const notFound = (what = 'Channel') => new ApiError('NOT_FOUND', `${what} not found`);

/** A path under /api that no route has (the wire layer's and Next's catch-all answer the same). */
export const unknownApiPath = () =>
  new ApiError('NOT_FOUND', 'There is no such API path; the API section of the README lists them');

/** A method the path does not take: 405 with the methods it does in `Allow`. */
export const methodNotAllowed = (allow: readonly string[]) =>
  new ApiError('METHOD_NOT_ALLOWED', `This API path takes ${allow.join(' or ')} only`, { allow });

export function errorResponse(error: unknown): Response {
  const apiError = isApiError(error) ? error : new ApiError('INTERNAL_ERROR', 'Internal server error');
  if (!isApiError(error)) getLogger().error({ err: error }, 'unexpected error');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiError.extra.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(apiError.extra.retryAfterSeconds);
  }
  if (apiError.extra.allow) headers.allow = apiError.extra.allow.join(', ');
  const body = { message: apiError.message, code: apiError.code, ...(apiError.extra.issues && { issues: apiError.extra.issues }) };
  return new Response(JSON.stringify(body), { status: apiError.status, headers });
}
