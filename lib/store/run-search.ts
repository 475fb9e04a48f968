// What the runs list's text search looks in, computed once when a run is stored (both backends).
import type { NewRun } from './types';

/** Lower-cased first message (the title), channel id, engine, model and function names. */
export function searchTextOf(
  run: Pick<NewRun, 'title' | 'channelId' | 'engine' | 'model' | 'request'>,
): string {
  const functionNames = (run.request.functions ?? []).map((fn) => fn.name);
  return [run.title, run.channelId, run.engine, run.model, ...functionNames].join('\n').toLowerCase();
}

export const normalizeSearch = (search: string) => search.trim().toLowerCase();
