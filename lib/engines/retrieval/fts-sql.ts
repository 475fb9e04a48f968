// The full-text index's SQL and row shape, shared by the ranking on the calling thread (retrieval.ts)
// and on the worker thread (fts-worker.ts).

export interface RankedRow {
  datasetIndex: number;
  recordIndex: number;
  rank: number;
}

/** The SQL of the index, shared with the worker thread that runs it for large datasets. */
export const FTS_SQL = {
  // Porter stemming lets "refunds" find "refund"; diacritics are folded so "cafe" finds "café".
  create: `CREATE VIRTUAL TABLE records USING fts5(
     text, dataset_index UNINDEXED, record_index UNINDEXED,
     tokenize = 'porter unicode61 remove_diacritics 2'
   )`,
  insert: 'INSERT INTO records (text, dataset_index, record_index) VALUES (?, ?, ?)',
  // bm25() is lower-is-better; rowid (insertion order) breaks ties so the ranking is deterministic.
  rank: `SELECT dataset_index AS datasetIndex, record_index AS recordIndex, bm25(records) AS rank
     FROM records WHERE records MATCH ? ORDER BY rank, rowid LIMIT ?`,
};
