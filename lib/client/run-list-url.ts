// The runs list's filters and page live in the page URL (?status=&engine=&since=&source=&q=&pages=), so reload,
// back and a shared link keep them. Unknown values are ignored rather than sent to the API.
import { RUN_STATUSES, type RunStatus } from '../run-status';
import { RUN_SOURCES } from '../store/run-source';
import type { RunListFilter } from './api';

export const ENGINE_FILTERS = ['local', 'openai', 'chatbotkit'] as const;
export const SINCE_FILTERS = ['hour', 'day', 'week'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;

export function filterFromParams(params: URLSearchParams): RunListFilter {
  const search = params.get('q')?.trim();
  return {
    status: oneOf<RunStatus>(RUN_STATUSES, params.get('status')),
    engine: oneOf(ENGINE_FILTERS, params.get('engine')),
    since: oneOf(SINCE_FILTERS, params.get('since')),
    source: oneOf(RUN_SOURCES, params.get('source')),
    search: search ? search : undefined,
  };
}

export function paramsOfFilter(filter: RunListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search) params.set('q', filter.search);
  if (filter.status) params.set('status', filter.status);
  if (filter.engine) params.set('engine', filter.engine);
  if (filter.since) params.set('since', filter.since);
  if (filter.source) params.set('source', filter.source);
  return params;
}

const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;
const MAX_PAGES_IN_URL = 100;

/**
 * The cursors of the shown page and those before it (`?pages=a.b`: page 3), the first page's being
 * undefined; "Newer" goes back one. Cursors are the API's own (base64url), so they need no escaping.
 */
export function pageCursorsFromParams(params: URLSearchParams): (string | undefined)[] {
  const listed = (params.get('pages') ?? '').split('.').filter((cursor) => CURSOR.test(cursor));
  return [undefined, ...listed.slice(0, MAX_PAGES_IN_URL)];
}

export function paramsOfPage(filter: RunListFilter, cursors: readonly (string | undefined)[]): URLSearchParams {
  const params = paramsOfFilter(filter);
  const listed = cursors.filter((cursor): cursor is string => cursor !== undefined);
  if (listed.length > 0) params.set('pages', listed.join('.'));
  return params;
}
