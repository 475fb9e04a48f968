// The runs list's filters live in the page URL (?status=&engine=&since=&q=), so reload, back and a
// shared link keep them. Unknown values are ignored rather than sent to the API.
import { RUN_STATUSES, type RunStatus } from '../run-status';
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
    search: search ? search : undefined,
  };
}

export function paramsOfFilter(filter: RunListFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.search) params.set('q', filter.search);
  if (filter.status) params.set('status', filter.status);
  if (filter.engine) params.set('engine', filter.engine);
  if (filter.since) params.set('since', filter.since);
  return params;
}
