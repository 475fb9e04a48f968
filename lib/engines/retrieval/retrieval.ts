// Ranks the request's dataset records against the user's message with SQLite FTS5 and BM25: a real
// full-text index, built in memory for each run because the records arrive with each request.
import Database from 'better-sqlite3';
import type { DispatchRequest } from '../../dispatch/schema';
import { firstContentWords } from '../text/keywords';
import { FTS_SQL, type RankedRow } from './fts-sql';

type Dataset = NonNullable<NonNullable<DispatchRequest['extensions']>['datasets']>[number];

export interface RetrievedRecord {
  /** The dataset's name, or "Dataset N" (1-based) when it has none. */
  dataset: string;
  text: string;
  /** BM25 relevance, higher is better. */
  score: number;
}

export const MAX_RETRIEVED_RECORDS = 3;
/** Bounds the query size whatever the message length; later words add little to the ranking. */
const MAX_QUERY_TERMS = 64;

/**
 * An FTS5 query matching records that contain any content word of `text`. Every term is a quoted
 * string, so operators typed by the user (OR, NEAR, *, -, parentheses, quotes) are plain words.
 */
export function toFtsQuery(text: string): string | undefined {
  const terms = firstContentWords(text, MAX_QUERY_TERMS);
  if (terms.length === 0) return undefined;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
}

/** Ranks record texts (by dataset) against an FTS query in an in-memory index, on this thread. */
export function rankTexts(texts: readonly (readonly string[])[], match: string, limit: number): RankedRow[] {
  const db = new Database(':memory:');
  try {
    db.exec(FTS_SQL.create);
    const insert = db.prepare<[string, number, number]>(FTS_SQL.insert);
    db.transaction(() => {
      texts.forEach((records, datasetIndex) =>
        records.forEach((text, recordIndex) => insert.run(text, datasetIndex, recordIndex)),
      );
    })();
    return db.prepare<[string, number], RankedRow>(FTS_SQL.rank).all(match, limit);
  } finally {
    db.close();
  }
}

function toRetrieved(datasets: readonly Dataset[], rows: readonly RankedRow[]): RetrievedRecord[] {
  return rows.map((row) => ({
    dataset: datasetName(datasets[row.datasetIndex], row.datasetIndex),
    text: datasets[row.datasetIndex].records[row.recordIndex].text,
    score: Number((-row.rank).toPrecision(6)),
  }));
}

const textsOf = (datasets: readonly Dataset[]) =>
  datasets.map((dataset) => dataset.records.map((record) => record.text));

/** The best records (at most `limit`, each matching at least one word of `query`), best first. */
export function retrieveRecords(
  datasets: readonly Dataset[],
  query: string,
  limit: number = MAX_RETRIEVED_RECORDS,
): RetrievedRecord[] {
  const match = toFtsQuery(query);
  if (!match || !datasets.some((dataset) => dataset.records.length > 0)) return [];
  return toRetrieved(datasets, rankTexts(textsOf(datasets), match, limit));
}

/** Up to this many records are indexed on the calling thread (a few milliseconds); more go to a worker. */
export const MAX_RECORDS_ON_LOOP = 1_000;

/**
 * retrieveRecords for a server: the same ranking, but an index of more than MAX_RECORDS_ON_LOOP records
 * (16 × 5,000 takes about a second) is built on a worker thread, so the event loop keeps serving.
 */
export async function retrieveRecordsOffLoop(
  datasets: readonly Dataset[],
  query: string,
  limit: number = MAX_RETRIEVED_RECORDS,
): Promise<RetrievedRecord[]> {
  const match = toFtsQuery(query);
  const count = datasets.reduce((sum, dataset) => sum + dataset.records.length, 0);
  if (!match || count === 0) return [];
  if (count <= MAX_RECORDS_ON_LOOP) return toRetrieved(datasets, rankTexts(textsOf(datasets), match, limit));
  const { rankDatasetsOnWorker } = await import('./fts-worker');
  return toRetrieved(datasets, await rankDatasetsOnWorker(datasets, match, limit));
}

function datasetName(dataset: Dataset, index: number): string {
  return dataset.name?.trim() || `Dataset ${index + 1}`;
}
