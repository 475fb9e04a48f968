// Ranks the request's dataset records against the user's message with SQLite FTS5 and BM25: a real
// full-text index, built in memory for each run because the records arrive with each request.
import Database from 'better-sqlite3';
import type { DispatchRequest } from '../../dispatch/schema';
import { isStopWord, plainWords } from '../text/keywords';

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

interface RankedRow {
  datasetIndex: number;
  recordIndex: number;
  rank: number;
}

/**
 * An FTS5 query matching records that contain any content word of `text`. Every term is a quoted
 * string, so operators typed by the user (OR, NEAR, *, -, parentheses, quotes) are plain words.
 */
export function toFtsQuery(text: string): string | undefined {
  const terms = [
    ...new Set(
      plainWords(text)
        .filter((word) => !isStopWord(word))
        .map((word) => word.toLowerCase()),
    ),
  ];
  if (terms.length === 0) return undefined;
  return terms
    .slice(0, MAX_QUERY_TERMS)
    .map((term) => `"${term.replaceAll('"', '""')}"`)
    .join(' OR ');
}

/** The best records (at most `limit`, each matching at least one word of `query`), best first. */
export function retrieveRecords(
  datasets: readonly Dataset[],
  query: string,
  limit: number = MAX_RETRIEVED_RECORDS,
): RetrievedRecord[] {
  const match = toFtsQuery(query);
  if (!match || !datasets.some((dataset) => dataset.records.length > 0)) return [];

  const db = new Database(':memory:');
  try {
    // Porter stemming lets "refunds" find "refund"; diacritics are folded so "cafe" finds "café".
    db.exec(
      `CREATE VIRTUAL TABLE records USING fts5(
         text, dataset_index UNINDEXED, record_index UNINDEXED,
         tokenize = 'porter unicode61 remove_diacritics 2'
       )`,
    );
    const insert = db.prepare<[string, number, number]>(
      'INSERT INTO records (text, dataset_index, record_index) VALUES (?, ?, ?)',
    );
    db.transaction(() => {
      datasets.forEach((dataset, datasetIndex) =>
        dataset.records.forEach((record, recordIndex) => insert.run(record.text, datasetIndex, recordIndex)),
      );
    })();
    // bm25() is lower-is-better; rowid (insertion order) breaks ties so the ranking is deterministic.
    const rows = db
      .prepare<[string, number], RankedRow>(
        `SELECT dataset_index AS datasetIndex, record_index AS recordIndex, bm25(records) AS rank
           FROM records WHERE records MATCH ? ORDER BY rank, rowid LIMIT ?`,
      )
      .all(match, limit);
    return rows.map((row) => ({
      dataset: datasetName(datasets[row.datasetIndex], row.datasetIndex),
      text: datasets[row.datasetIndex].records[row.recordIndex].text,
      score: Number((-row.rank).toPrecision(6)),
    }));
  } finally {
    db.close();
  }
}

function datasetName(dataset: Dataset, index: number): string {
  return dataset.name?.trim() || `Dataset ${index + 1}`;
}
