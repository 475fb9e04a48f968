// A dispatch body with large datasets (up to 16 × 5,000 records) takes tens of milliseconds to validate in
// one go, holding the event loop. Such a body is validated in pieces, one loop turn each: everything but
// the records, then each dataset's records. The result, and every problem found with its full path, are
// those of validating it whole.
import { z } from 'zod';
import { nextLoopTurn } from '../event-loop';
import type { ValidationResult } from '../http/body';
import { plainIssues } from '../plain-issues';
import { datasetSchema, dispatchRequestSchema, type DispatchRequest } from './schema';

/** At most this many records in all are validated with the rest of the body in one turn. */
const RECORDS_IN_ONE_TURN = 5_000;

const recordsSchema = datasetSchema.shape.records;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body's datasets when it has an array of them; the body may be malformed anywhere. */
function datasetsOf(value: unknown): unknown[] | undefined {
  if (!isObject(value) || !isObject(value.extensions)) return undefined;
  const { datasets } = value.extensions;
  return Array.isArray(datasets) ? datasets : undefined;
}

const recordsOf = (dataset: unknown) =>
  isObject(dataset) && Array.isArray(dataset.records) ? (dataset.records as unknown[]) : undefined;

export async function parseDispatchRequestInTurns(
  value: unknown,
): Promise<ValidationResult<DispatchRequest>> {
  const datasets = datasetsOf(value);
  const records = datasets?.map(recordsOf) ?? [];
  const total = records.reduce((sum, list) => sum + (list?.length ?? 0), 0);
  if (!datasets || total <= RECORDS_IN_ONE_TURN) return dispatchRequestSchema.safeParse(value, { error: plainIssues });

  const body = value as Record<string, unknown>;
  const withoutRecords = {
    ...body,
    extensions: {
      ...(body.extensions as Record<string, unknown>),
      datasets: datasets.map((dataset, index) =>
        records[index] ? { ...(dataset as object), records: [] } : dataset,
      ),
    },
  };
  const rest = dispatchRequestSchema.safeParse(withoutRecords, { error: plainIssues });
  const issues = rest.success ? [] : [...rest.error.issues];
  const parsedRecords: z.infer<typeof recordsSchema>[] = [];
  for (const [index, list] of records.entries()) {
    if (!list) continue;
    await nextLoopTurn();
    const parsed = recordsSchema.safeParse(list, { error: plainIssues });
    if (parsed.success) parsedRecords[index] = parsed.data;
    else
      for (const issue of parsed.error.issues)
        issues.push({ ...issue, path: ['extensions', 'datasets', index, 'records', ...issue.path] });
  }
  if (!rest.success || issues.length > 0) return { success: false, error: new z.ZodError(issues) };
  rest.data.extensions?.datasets?.forEach((dataset, index) => {
    if (parsedRecords[index]) dataset.records = parsedRecords[index];
  });
  return rest;
}
