// Turns pasted text or a loaded file into dataset records: one record per line (.txt or paste), the
// "text" column (or the first) of a .csv, or one JSON object per line of a .jsonl ({text, meta?}).
import Papa from 'papaparse';
import { plainCsvProblems } from './csv-problems';

export interface ImportedRecord {
  text: string;
  meta: string;
}

export interface RecordImport {
  records: ImportedRecord[];
  problems: string[];
}

const lines = (content: string) => content.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

export function recordsFromLines(content: string): RecordImport {
  return { records: lines(content).map((text) => ({ text, meta: '' })), problems: [] };
}

/** The "text" column of a CSV file (or its first column when no header says "text"), read by papaparse so quoted fields may hold commas, quotes and newlines. */
export function recordsFromCsv(content: string): RecordImport {
  const { data, errors } = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows = data.map((row) => row.map((cell) => cell.trim()));
  const problems = plainCsvProblems(errors, (row) => row + 1);
  if (rows.length === 0) return { records: [], problems };
  const textColumn = rows[0].findIndex((cell) => cell.toLowerCase() === 'text');
  const column = textColumn >= 0 ? textColumn : 0;
  const body = textColumn >= 0 ? rows.slice(1) : rows;
  return { records: body.map((row) => ({ text: row[column] ?? '', meta: '' })).filter((record) => record.text), problems };
}

export function recordsFromJsonl(content: string): RecordImport {
  const result: RecordImport = { records: [], problems: [] };
  lines(content).forEach((line, index) => {
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'string') result.records.push({ text: value, meta: '' });
      else if (value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string') {
        const { text, meta } = value as { text: string; meta?: unknown };
        result.records.push({ text, meta: meta === undefined ? '' : JSON.stringify(meta) });
      } else result.problems.push(`Line ${index + 1}: expected {"text": "…"} or a string`);
    } catch {
      result.problems.push(`Line ${index + 1}: not valid JSON`);
    }
  });
  return result;
}

export function recordsFromFile(fileName: string, content: string): RecordImport {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv') return recordsFromCsv(content);
  if (extension === 'jsonl' || extension === 'ndjson') return recordsFromJsonl(content);
  if (extension === 'txt') return recordsFromLines(content);
  return { records: [], problems: [`${fileName}: use a .txt, .csv or .jsonl file`] };
}
