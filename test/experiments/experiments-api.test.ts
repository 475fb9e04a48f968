// Experiments over HTTP on both backends: a batch of inputs × variants runs through the queue, the
// grid and the exports hold every answer, bad uploads are refused with the field's path and nothing
// stored, and cancel-all / retry-failed do what they say.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../support/api-client';
import { BACKENDS, startBackend, type RunningBackend } from '../support/backends';
import { allEnded, createExperiment, getExperiment, readCells, waitForCells } from '../support/experiments';

const ORDERS = [
  { order_id: '17', status: 'shipped on Monday' },
  { order_id: '18', status: 'waiting for stock' },
  { order_id: '19', status: 'delivered, "signed" by Ada' },
];

const batchBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'batch',
  name: 'Order questions',
  request: { messages: [{ type: 'user', text: 'placeholder' }] },
  variants: [
    { label: 'Ava', backstory: 'You are Ava, a cheerful support agent.' },
    { label: 'Bo', backstory: 'You are Bo, a terse support agent.' },
  ],
  rows: ORDERS,
  messageTemplate: 'Where is order {{order_id}}?',
  recordTemplate: 'Order {{order_id}}: {{status}}',
  concurrency: 2,
  ...overrides,
});

describe.each(BACKENDS)('experiments on the %s backend', (backendName) => {
  let backend: RunningBackend;

  beforeAll(async () => {
    backend = await startBackend(backendName, { LOCAL_TOKEN_DELAY_MS: '1' });
  }, 90_000);
  afterAll(async () => {
    await backend?.stop();
  });

  it('runs every input against every variant and keeps the grid, the list and the exports', async () => {
    const experiment = await createExperiment(backend.url, batchBody());
    expect(experiment.status).toBe('running');
    // Never more of its runs in flight than its concurrency (2), sampled on every poll.
    let mostRunning = 0;
    const cells = await waitForCells(backend.url, experiment.id, (current) => {
      mostRunning = Math.max(mostRunning, current.filter((cell) => cell.status === 'running').length);
      return allEnded(current);
    });
    expect(mostRunning).toBeLessThanOrEqual(2);
    expect(cells).toHaveLength(6);
    expect(cells.map((cell) => cell.status)).toEqual(Array(6).fill('completed'));
    // Each row's record reached its own run (the local engine quotes the best record), per variant persona.
    for (const cell of cells) {
      expect(cell.channelId).toBeTruthy();
      expect(cell.firstLine).toBeTruthy();
      expect(cell.outputTokens).toBeGreaterThan(0);
      expect(cell.durationMs).toBeGreaterThanOrEqual(0);
    }
    await expect.poll(async () => (await getExperiment(backend.url, experiment.id)).status).toBe('finished');

    const list = (await (await fetch(`${backend.url}/api/experiments`)).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((item) => item.id)).toContain(experiment.id);
    // Reopening: the same cells, in the same state.
    expect(await readCells(backend.url, experiment.id)).toEqual(cells);

    const jsonl = await (
      await fetch(`${backend.url}/api/experiments/${experiment.id}/export?format=jsonl`)
    ).text();
    const lines = jsonl
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    for (const [index, line] of lines.entries()) {
      const order = ORDERS[Math.floor(index / 2)];
      expect(line).toMatchObject({
        row: Math.floor(index / 2) + 1,
        input: `Where is order ${order.order_id}?`,
        inputs: order,
        variant: index % 2 === 0 ? 'Ava' : 'Bo',
        status: 'completed',
      });
      expect(line.output).toContain(order.status);
      expect(line.output).toContain(index % 2 === 0 ? 'Ava' : 'Bo');
      expect(line.tokens).toBeGreaterThan(0);
      expect(typeof line.timeToFirstTokenMs).toBe('number');
      expect(typeof line.durationMs).toBe('number');
    }
    // The full answer, not the grid's first line.
    const run = await (await fetch(`${backend.url}/api/runs/${lines[0].channelId}`)).json();
    expect(run.run.status).toBe('completed');

    const csvResponse = await fetch(`${backend.url}/api/experiments/${experiment.id}/export?format=csv`);
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    // Named after the experiment ("Order questions"), as a person finds it among their downloads.
    expect(csvResponse.headers.get('content-disposition')).toBe('attachment; filename="order-questions.csv"');
    const csv = Papa.parse<Record<string, string>>(await csvResponse.text(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    // The file's own columns next to the message they made, for a spreadsheet to sort and filter by.
    expect(csv.meta.fields).toEqual([
      'row',
      'input',
      'input: order_id',
      'input: status',
      'variant',
      'model',
      'output',
      'status',
      'tokens',
      'timeToFirstTokenMs',
      'durationMs',
      'error',
      'channelId',
    ]);
    expect(csv.data).toHaveLength(6);
    csv.data.forEach((row, index) => {
      expect(row.output).toBe(lines[index].output);
      expect(row.input).toBe(lines[index].input);
      expect(row.variant).toBe(lines[index].variant);
      expect(row['input: order_id']).toBe(lines[index].inputs.order_id);
      expect(row['input: status']).toBe(lines[index].inputs.status);
      // No variant named a model: the server's default engine answered, said as such rather than left blank.
      expect(row.model).toBe('default');
      expect(Number(row.tokens)).toBe(lines[index].tokens);
      expect(Number(row.timeToFirstTokenMs)).toBe(lines[index].timeToFirstTokenMs);
      expect(Number(row.durationMs)).toBe(lines[index].durationMs);
    });
  }, 120_000);

  it('writes an input or answer a spreadsheet would run as a formula as text in the CSV, as typed in the JSONL', async () => {
    const formula = '=HYPERLINK("https://example.com","open")';
    const experiment = await createExperiment(
      backend.url,
      batchBody({ rows: [{ q: formula }], messageTemplate: '{{q}}', recordTemplate: undefined }),
    );
    await waitForCells(backend.url, experiment.id, allEnded);
    const exported = (format: string) =>
      fetch(`${backend.url}/api/experiments/${experiment.id}/export?format=${format}`).then((response) => response.text());
    const csv = Papa.parse<Record<string, string>>(await exported('csv'), { header: true, skipEmptyLines: true });
    expect(csv.data.map((row) => row.input)).toEqual([`'${formula}`, `'${formula}`]);
    const jsonl = (await exported('jsonl')).trim().split('\n').map((line) => JSON.parse(line) as { input: string });
    expect(jsonl.map((line) => line.input)).toEqual([formula, formula]);
  });

  it('refuses a template naming a column the upload lacks, with its path, and stores nothing', async () => {
    const before = (await (await fetch(`${backend.url}/api/experiments`)).json()) as { items: unknown[] };
    const response = await postJson(
      `${backend.url}/api/experiments`,
      batchBody({ messageTemplate: 'Where is {{orderId}}?' }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues).toContainEqual({
      path: 'messageTemplate',
      message: 'No column named "orderId" in the upload',
    });

    const oneVariant = await postJson(
      `${backend.url}/api/experiments`,
      batchBody({ variants: [{ label: 'Only' }] }),
    );
    expect(oneVariant.status).toBe(400);
    expect((await oneVariant.json()).issues[0].path).toBe('variants');

    const badRequest = await postJson(
      `${backend.url}/api/experiments`,
      batchBody({ request: { messages: [{ type: 'nobody', text: '' }] } }),
    );
    expect(badRequest.status).toBe(400);
    expect((await badRequest.json()).issues[0].path).toBe('request.messages.0.type');

    /** An experiment whose second variant uses `model`. */
    const withSecondModel = (model: string) =>
      postJson(
        `${backend.url}/api/experiments`,
        batchBody({ variants: [{ label: 'Local', model: 'local' }, { label: 'Other', model }] }),
      );
    const unconfigured = await withSecondModel('openai/gpt-4o');
    expect(unconfigured.status).toBe(400);
    expect((await unconfigured.json()).issues[0].path).toBe('variants.1.model');

    // A setting the builder would refuse is refused here too, not run without it.
    const tooHot = await withSecondModel('local/temperature=5');
    expect(tooHot.status).toBe(400);
    expect((await tooHot.json()).issues[0]).toMatchObject({
      path: 'variants.1.model',
      message: 'Temperature: Use a number from 0 to 2, such as 0.7',
    });

    // Runs at once out of its range is refused with its path, not clamped and started.
    for (const concurrency of [50, 0, 2.5]) {
      const outOfRange = await postJson(`${backend.url}/api/experiments`, batchBody({ concurrency }));
      expect(outOfRange.status).toBe(400);
      expect((await outOfRange.json()).issues).toEqual([
        { path: 'concurrency', message: 'Use a whole number from 1 to 16.' },
      ]);
    }

    const after = (await (await fetch(`${backend.url}/api/experiments`)).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(before.items.length);
  });

  it('cancel-all stops what is left, and retry-failed sends the cancelled cells again', async () => {
    const rows = Array.from({ length: 8 }, (_, index) => ({ n: String(index) }));
    const experiment = await createExperiment(
      backend.url,
      batchBody({
        rows,
        messageTemplate: 'repeat 400 {{n}}',
        recordTemplate: undefined,
        concurrency: 2,
      }),
    );
    await waitForCells(backend.url, experiment.id, (cells) =>
      cells.some((cell) => cell.status === 'running'),
    );
    const cancel = await postJson(`${backend.url}/api/experiments/${experiment.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect((await cancel.json()).experiment.status).toBe('cancelled');
    const cancelled = await waitForCells(backend.url, experiment.id, allEnded);
    expect(cancelled.filter((cell) => cell.status === 'cancelled').length).toBeGreaterThanOrEqual(14);
    expect(cancelled.find((cell) => cell.row === 7)?.error).toBe('Cancelled before it was sent');

    const retry = await postJson(`${backend.url}/api/experiments/${experiment.id}/retry`, {});
    expect((await retry.json()).retried).toBe(cancelled.filter((cell) => cell.status !== 'completed').length);
    const done = await waitForCells(
      backend.url,
      experiment.id,
      (cells) => cells.every((cell) => cell.status === 'completed'),
      120_000,
    );
    // Retried cells ran on fresh channels.
    expect(done.filter((cell) => cell.attempt === 1).length).toBeGreaterThanOrEqual(14);
    await expect.poll(async () => (await getExperiment(backend.url, experiment.id)).status).toBe('finished');
    // Every cell answered in the end: the finished experiment counts none unanswered.
    expect((await getExperiment(backend.url, experiment.id)).unansweredCells).toBe(0);
  }, 180_000);

  it('keeps what a cell streamed before it was cancelled: in the grid and in the export', async () => {
    const experiment = await createExperiment(
      backend.url,
      batchBody({ rows: [{ n: '1' }], messageTemplate: 'repeat 20000 {{n}}', recordTemplate: undefined }),
    );
    await waitForCells(backend.url, experiment.id, (cells) => cells.some((cell) => cell.status === 'running'));
    // Past their first text pieces (one a millisecond), far from their end.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await postJson(`${backend.url}/api/experiments/${experiment.id}/cancel`, {});
    const cells = await waitForCells(backend.url, experiment.id, allEnded);
    const cutShort = cells.filter((cell) => cell.status === 'cancelled' && (cell.outputTokens ?? 0) > 0);
    expect(cutShort.length).toBeGreaterThan(0);
    for (const cell of cutShort) expect(cell.firstLine).toMatch(/\S/);
    const jsonl = await (
      await fetch(`${backend.url}/api/experiments/${experiment.id}/export?format=jsonl`)
    ).text();
    const exported = jsonl.trim().split('\n').map((line) => JSON.parse(line) as { output: string; tokens: number | null });
    for (const line of exported.filter((row) => (row.tokens ?? 0) > 0)) expect(line.output.length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps the best variant and a note, and hides experiments of other owners (404 for an unknown id)', async () => {
    const experiment = await createExperiment(backend.url, {
      kind: 'compare',
      request: { messages: [{ type: 'user', text: 'Hello there' }] },
      variants: [{ label: 'A' }, { label: 'B', backstory: 'You are Bea.' }],
    });
    const patch = await fetch(`${backend.url}/api/experiments/${experiment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bestVariant: 1, note: 'Bea is friendlier' }),
    });
    expect(patch.status).toBe(200);
    expect(await getExperiment(backend.url, experiment.id)).toMatchObject({
      bestVariant: 1,
      note: 'Bea is friendlier',
    });
    const outOfRange = await fetch(`${backend.url}/api/experiments/${experiment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bestVariant: 3 }),
    });
    expect(outOfRange.status).toBe(400);
    expect((await fetch(`${backend.url}/api/experiments/exp_nothing`)).status).toBe(404);
  });
});
