// The grid as a file: one line per input × variant with the full answer and its figures. CSV goes
// through papaparse (quoting, embedded newlines; a cell a spreadsheet would run as a formula, starting
// with =, +, -, @, is written as text: inputs are anyone's words and answers a model's), with a column
// per column of the batch's file ("input: city"), so a spreadsheet can sort and filter by them; JSONL is
// one JSON object per line, as stored, the input's columns under `inputs`.
import Papa from 'papaparse';
import { inputText } from './cell-request';
import type { ExperimentCell, ExperimentRecord, InputRow } from './schema';

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_COLUMNS = [
  'row',
  'input',
  'variant',
  'model',
  'output',
  'status',
  'tokens',
  'timeToFirstTokenMs',
  'durationMs',
  'error',
  'channelId',
] as const;

/** The model column of a variant that named none, where the server's default engine answered. */
export const DEFAULT_MODEL = 'default';

/** The CSV header of one of the batch file's columns: apart from the export's own ("status"). */
export const inputColumnHeader = (column: string) => `input: ${column}`;

/** The download's file name: the experiment's name in plain letters and digits, else its id. */
export function exportFileName(
  experiment: Pick<ExperimentRecord, 'id' | 'name'>,
  format: ExportFormat,
): string {
  const slug = experiment.name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || experiment.id}.${format}`;
}

export interface ExportLine {
  /** 1-based, as a spreadsheet counts. */
  row: number;
  input: string;
  /** The input's columns (JSONL only). */
  inputs?: InputRow;
  variant: string;
  model: string;
  output: string;
  status: string;
  tokens: number | null;
  timeToFirstTokenMs: number | null;
  durationMs: number | null;
  error: string | null;
  channelId: string | null;
}

export function exportLines(
  experiment: ExperimentRecord,
  cells: ExperimentCell[],
  inputOf: (row: number) => InputRow | undefined,
): ExportLine[] {
  const { spec } = experiment;
  return [...cells]
    .sort((a, b) => a.row - b.row || a.variant - b.variant)
    .map((cell) => {
      const input = inputOf(cell.row);
      const variant = spec.variants[cell.variant];
      return {
        row: cell.row + 1,
        input: inputText(spec, input),
        ...(input && { inputs: input }),
        variant: variant?.label ?? `Variant ${cell.variant + 1}`,
        model: variant?.model?.trim() || spec.request.model || DEFAULT_MODEL,
        // As the pages show it: without the space a reply's first token begins with, or a trailing line end.
        output: (cell.output ?? '').trim(),
        status: cell.status,
        tokens: cell.outputTokens ?? null,
        timeToFirstTokenMs: cell.timeToFirstTokenMs ?? null,
        durationMs: cell.durationMs ?? null,
        error: cell.error ?? null,
        channelId: cell.channelId ?? null,
      };
    });
}

export function experimentExport(
  experiment: ExperimentRecord,
  cells: ExperimentCell[],
  inputOf: (row: number) => InputRow | undefined,
  format: ExportFormat,
): string {
  const lines = exportLines(experiment, cells, inputOf);
  if (format === 'jsonl') return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
  const inputColumns = experiment.spec.columns;
  const rows = lines.map(({ inputs, ...line }) => {
    const row: Record<string, unknown> = { ...line };
    for (const column of inputColumns) row[inputColumnHeader(column)] = inputs?.[column] ?? '';
    return row;
  });
  const [row, input, ...answerColumns] = EXPORT_COLUMNS;
  const columns = [row, input, ...inputColumns.map(inputColumnHeader), ...answerColumns];
  return Papa.unparse(rows, { columns, newline: '\r\n', escapeFormulae: true }) + '\r\n';
}
