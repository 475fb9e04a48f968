// The runs list as a CSV file (GET /api/runs/export), on both backends: the runs that match the filters,
// newest first, across more than one page of the store, with a header even when none match, and a first
// message that a spreadsheet would run as a formula written as text.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_EXPORT_COLUMNS } from '@/lib/runs/export';
import { dispatch } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { waitFor } from '../support/webhook-receiver';

// More than one page of the export (500 runs a page).
const RUNS = 620;

async function exportOf(backend: RunningBackend, query: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${backend.url}/api/runs/export?${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="runs-\d{4}-\d{2}-\d{2}\.csv"$/);
  const parsed = Papa.parse<Record<string, string>>(await response.text(), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([...RUN_EXPORT_COLUMNS]);
  return parsed.data;
}

describe.each(BACKENDS)('the runs export on the %s backend', (backendName) => {
  let backend: RunningBackend;
  const marker = `export${backendName}${Date.now()}`;
  let formulaRun: string;

  beforeAll(async () => {
    backend = await startBackend(backendName, { MAX_QUEUED_RUNS: '5000', LOCAL_TOKEN_DELAY_MS: '0' });
    const body = { messages: [{ type: 'user', text: `repeat 2 ${marker}` }] };
    for (let start = 0; start < RUNS - 1; start += 50)
      await Promise.all(Array.from({ length: Math.min(50, RUNS - 1 - start) }, () => dispatch(backend.url, body)));
    formulaRun = await dispatch(backend.url, {
      messages: [{ type: 'user', text: `=HYPERLINK("https://example.com","open") ${marker}` }],
    });
    await waitFor(`${RUNS} runs completed`, async () => {
      const rows = await exportOf(backend, `search=${marker}`);
      return rows.length === RUNS && rows.every((row) => row.status === 'completed') ? true : undefined;
    }, 90_000);
  }, 180_000);
  afterAll(async () => {
    await backend?.stop();
  });

  it('holds every matching run once, newest first, with its figures', async () => {
    const rows = await exportOf(backend, `search=${marker}`);
    expect(rows).toHaveLength(RUNS);
    expect(new Set(rows.map((row) => row.channelId)).size).toBe(RUNS);
    const created = rows.map((row) => Date.parse(row.createdAt));
    expect(created.every((time, index) => index === 0 || time <= created[index - 1])).toBe(true);
    const plain = rows.find((row) => row.channelId !== formulaRun);
    expect(plain).toMatchObject({ status: 'completed', title: `repeat 2 ${marker}`, engine: 'local', outputTokens: '2' });
    expect(Number(plain?.durationMs)).toBeGreaterThanOrEqual(0);
    expect(plain?.endedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('writes a first message that a spreadsheet would run as a formula as text', async () => {
    const rows = await exportOf(backend, `search=${marker}`);
    const formula = rows.find((row) => row.channelId === formulaRun);
    expect(formula?.title.startsWith(`'=HYPERLINK(`)).toBe(true);
  });

  it('takes the list’s filters, and gives the header alone when nothing matches', async () => {
    expect(await exportOf(backend, `search=${marker}&status=completed&since=hour`)).toHaveLength(RUNS);
    expect(await exportOf(backend, `search=${marker}&status=failed`)).toEqual([]);
    const response = await fetch(`${backend.url}/api/runs/export?status=sleeping`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: { path: string }[] }).issues[0].path).toBe('query.status');
  });
});
