// Reads a request's query string with a zod schema: 400 with each problem at `query.<name>`, in plain words.
import type { z } from 'zod';
import { invalidRequest } from '../errors';
import { plainIssues } from '../plain-issues';
import type { ApiRequest } from './api-request';

export function readQuery<T extends z.ZodType>(request: Pick<ApiRequest, 'url'>, schema: T): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams), { error: plainIssues });
  if (!parsed.success) throw invalidRequest(parsed.error, ['query']);
  return parsed.data;
}
