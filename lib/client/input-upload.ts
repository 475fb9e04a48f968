// Reads an uploaded file of inputs: CSV through papaparse (header row = column names, quoted fields
// and embedded newlines handled), or JSONL (one JSON object per line). Every value becomes text.
import Papa from 'papaparse';
import { EXPERIMENT_LIMITS, type InputRow } from '../experiments/schema';
import { plainCsvProblems } from './csv-problems';

export interface ParsedInputs {
  columns: string[];
  rows: InputRow[];
  /** Problems in people's words, with the line they are on; empty when the file is usable. */
  problems: string[];
}

const asText = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

function checkLimits(parsed: ParsedInputs): ParsedInputs {
  const problems = [...parsed.problems];
  if (parsed.rows.length === 0 && problems.length === 0) problems.push('The file has no rows.');
  if (parsed.rows.length > EXPERIMENT_LIMITS.rows)
    problems.push(
      `The file has ${parsed.rows.length.toLocaleString()} rows; at most ${EXPERIMENT_LIMITS.rows.toLocaleString()} can run at once.`,
    );
  if (parsed.columns.length > EXPERIMENT_LIMITS.columns)
    problems.push(
      `The file has ${parsed.columns.length} columns; at most ${EXPERIMENT_LIMITS.columns} are allowed.`,
    );
  return { ...parsed, problems };
}

export function parseCsvInputs(text: string): ParsedInputs {
  if (text.trim() === '') return checkLimits({ columns: [], rows: [], problems: [] });
  const result = Papa.parse<Record<string, unknown>>(text, { header: true, skipEmptyLines: 'greedy' });
  const columns = (result.meta.fields ?? []).filter((name) => name.trim() !== '');
  const rows = result.data.map((record) =>
    Object.fromEntries(columns.map((column) => [column, asText(record[column])])),
  );
  // After the header row, the first row is the file's line 2.
  const problems = plainCsvProblems(result.errors, (row) => row + 2);
  return checkLimits({ columns, rows, problems });
}

export function parseJsonlInputs(text: string): ParsedInputs {
  const rows: InputRow[] = [];
  const problems: string[] = [];
  const columns = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (problems.length < 5) problems.push(`Line ${index + 1}: not valid JSON.`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      if (problems.length < 5)
        problems.push(`Line ${index + 1}: expected an object such as {"question": "…"}.`);
      return;
    }
    for (const key of Object.keys(value)) columns.add(key);
    rows.push(Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, asText(entry)])));
  });
  const allColumns = [...columns];
  // Every row gets every column, so a template can name a key some lines leave out.
  const filled = rows.map((row) =>
    Object.fromEntries(allColumns.map((column) => [column, row[column] ?? ''])),
  );
  return checkLimits({ columns: allColumns, rows: filled, problems });
}

export function parseInputFile(name: string, text: string): ParsedInputs {
  return /\.jsonl?$/i.test(name) || /\.ndjson$/i.test(name) ? parseJsonlInputs(text) : parseCsvInputs(text);
}
