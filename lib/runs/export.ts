// The runs list as a file: the runs that match the list's filters, newest first, one CSV line each, for a
// spreadsheet or a report. Read a page at a time and written as they are read, so a large export neither
// sits in memory whole nor holds the event loop. Cells a spreadsheet would run as formulas (=, +, -, @)
// are written as text (papaparse's escapeFormulae): a run's first message is anyone's words.
import Papa from 'papaparse';
import type { RunListQuery, RunStore } from '../store/types';
import { summarizeRun, type RunSummary } from './summary';

/** The most runs one export holds (the newest that match). */
export const RUNS_EXPORT_MAX = 10_000;
const PAGE = 500;

export const RUN_EXPORT_COLUMNS = [
  'channelId',
  'status',
  'title',
  'engine',
  'model',
  'functions',
  'createdAt',
  'startedAt',
  'endedAt',
  'queuedMs',
  'timeToFirstTokenMs',
  'durationMs',
  'outputTokens',
  'error',
  'retryOf',
  'retriedAs',
] as const;

type ExportLine = Record<(typeof RUN_EXPORT_COLUMNS)[number], string | number | null>;

const isoTime = (time: number | undefined) => (time === undefined ? null : new Date(time).toISOString());

export function runExportLine(run: RunSummary): ExportLine {
  return {
    channelId: run.channelId,
    status: run.status,
    title: run.title,
    engine: run.engine,
    model: run.model,
    functions: run.functionNames.join(' '),
    createdAt: isoTime(run.createdAt),
    startedAt: isoTime(run.startedAt),
    endedAt: isoTime(run.endedAt),
    queuedMs: run.queuedMs ?? null,
    timeToFirstTokenMs: run.timeToFirstTokenMs ?? null,
    durationMs: run.durationMs ?? null,
    outputTokens: run.outputTokens,
    error: run.error ?? null,
    retryOf: run.retryOf ?? null,
    retriedAs: run.retriedAs ?? null,
  };
}

const csvOf = (lines: ExportLine[], header: boolean) =>
  Papa.unparse(lines, { columns: [...RUN_EXPORT_COLUMNS], header, newline: '\r\n', escapeFormulae: true }) + '\r\n';

/** The CSV of the newest RUNS_EXPORT_MAX runs `listRuns` gives for `query`, as a stream of text. */
export function runsCsvStream(
  listRuns: RunStore['listRuns'],
  query: Omit<RunListQuery, 'cursor' | 'limit'>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let written = 0;
  return new ReadableStream({
    async pull(controller) {
      const first = written === 0 && cursor === undefined;
      const page = await listRuns({ ...query, cursor, limit: Math.min(PAGE, RUNS_EXPORT_MAX - written) });
      const lines = page.items.map((run) => runExportLine(summarizeRun(run)));
      // The first page brings the header line, even when nothing matches.
      if (first || lines.length > 0) controller.enqueue(encoder.encode(csvOf(lines, first)));
      written += lines.length;
      cursor = page.nextCursor;
      if (!cursor || written >= RUNS_EXPORT_MAX) controller.close();
    },
  });
}
