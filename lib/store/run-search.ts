// What the runs list's text search looks in, computed once when a run is stored (both backends).
import type { DispatchRequest } from '../dispatch/schema';
import type { NewRun } from './types';

/**
 * Lower-cased first message (the title), channel id, engine, model and function names, and the
 * channel id a retry came from (searching a run's id finds its retries too).
 */
export function searchTextOf(
  run: Pick<NewRun, 'title' | 'channelId' | 'engine' | 'model' | 'request' | 'retryOf'>,
): string {
  return [run.title, run.channelId, run.engine, run.model, ...functionNamesOf(run.request), run.retryOf ?? '']
    .join('\n')
    .toLowerCase();
}

export const normalizeSearch = (search: string) => search.trim().toLowerCase();

export const functionNamesOf = (request: Pick<DispatchRequest, 'functions'>): string[] =>
  (request.functions ?? []).map((fn) => fn.name);
