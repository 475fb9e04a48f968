// Figure 6 — experiments at scale: a 1,000-row batch × 2 variants on the embedded default, through
// the normal queue with the experiment's bounded concurrency. Server side: time to finish, and the
// server's RSS when a quarter of the answers are in, at the end, and at its peak (bounded memory means
// the end is not far above the quarter mark). Browser side: the batch page is open while the grid
// fills; a Chromium trace gives every main-thread task from the first answer to the last.
import type { Browser } from '@playwright/test';
import { formatNumber, type FigureResult } from '../figure';
import { megabytes, sampleRss, treeRssBytes } from '../proc';
import { round } from '../stats';
import type { Target } from '../targets';
import { LONG_TASK_MS, mainThreadTasks, type MainThreadTasks, type TraceEvent } from './ui';

export const EXPERIMENT_ROWS = 1_000;
export const EXPERIMENT_VARIANTS = 2;
export const EXPERIMENT_CONCURRENCY = 8;
const CELLS = EXPERIMENT_ROWS * EXPERIMENT_VARIANTS;

export interface ExperimentRun {
  seconds: number;
  completed: number;
  rssAtQuarterMb: number;
  rssAtEndMb: number;
  peakRssMb: number;
  grid: MainThreadTasks;
}

function batchBody() {
  return {
    kind: 'batch',
    name: 'Benchmark: 1,000 order questions',
    request: { messages: [{ type: 'user', text: '' }] },
    variants: [
      { label: 'Ava', backstory: 'You are Ava, a cheerful support agent.' },
      { label: 'Bo', backstory: 'You are Bo, a terse support agent.' },
    ],
    rows: Array.from({ length: EXPERIMENT_ROWS }, (_, index) => ({
      order_id: String(10_000 + index),
      status: ['shipped on Monday', 'waiting for stock', 'delivered', 'being packed'][index % 4],
    })),
    messageTemplate: 'Where is order {{order_id}}?',
    recordTemplate: 'Order {{order_id}}: {{status}}',
    concurrency: EXPERIMENT_CONCURRENCY,
  };
}

async function countsOf(target: Target, id: string): Promise<Record<string, number>> {
  const response = await fetch(`${target.url}/api/experiments/${id}/cells?after=0`);
  const { cells } = (await response.json()) as { cells: { status: string }[] };
  const counts: Record<string, number> = {};
  for (const cell of cells) counts[cell.status] = (counts[cell.status] ?? 0) + 1;
  return counts;
}

export async function measureExperiment(browser: Browser, target: Target): Promise<ExperimentRun> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const rss = sampleRss(() => target.pids());
  try {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
    });
    const started = performance.now();
    const response = await fetch(`${target.url}/api/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batchBody()),
    });
    if (response.status !== 201)
      throw new Error(`create answered ${response.status}: ${await response.text()}`);
    const { experiment } = (await response.json()) as { experiment: { id: string } };
    await page.goto(`${target.url}/experiments/${experiment.id}`, { waitUntil: 'load' });
    await page.getByTestId('batch-grid').waitFor();
    await page.evaluate(() => console.timeStamp('bench-release'));

    let rssAtQuarter = 0;
    for (;;) {
      const counts = await countsOf(target, experiment.id);
      const ended = (counts.completed ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0);
      if (!rssAtQuarter && ended >= CELLS / 4)
        rssAtQuarter = target.pids().reduce((sum, pid) => sum + treeRssBytes(pid), 0);
      if (ended === CELLS) break;
      if (performance.now() - started > 600_000)
        throw new Error(`not finished after 10 minutes: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const seconds = (performance.now() - started) / 1000;
    await page
      .locator('[data-testid="experiment-status"][data-status="finished"]')
      .waitFor({ timeout: 30_000 });
    await page
      .getByRole('progressbar')
      .and(page.locator(`[aria-valuenow="${CELLS}"]`))
      .waitFor({ timeout: 30_000 });
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const { peakBytes, lastBytes } = rss.stop();
    const counts = await countsOf(target, experiment.id);
    return {
      seconds,
      completed: counts.completed ?? 0,
      rssAtQuarterMb: megabytes(rssAtQuarter),
      rssAtEndMb: megabytes(lastBytes),
      peakRssMb: megabytes(peakBytes),
      grid: mainThreadTasks(trace),
    };
  } finally {
    rss.stop();
    await page.close();
  }
}

export function experimentFigure(backend: string, run: ExperimentRun): FigureResult {
  return {
    figure: 'experiments',
    backend,
    values: {
      rows: EXPERIMENT_ROWS,
      variants: EXPERIMENT_VARIANTS,
      concurrency: EXPERIMENT_CONCURRENCY,
      seconds: round(run.seconds, 1),
      completed: run.completed,
      serverRssAtQuarterMb: run.rssAtQuarterMb,
      serverRssAtEndMb: run.rssAtEndMb,
      serverPeakRssMb: run.peakRssMb,
      gridLongestTaskMs: run.grid.longestMs,
      gridTasksOver50Ms: run.grid.overLongTaskCount,
      gridLongestTaskIncludingLoadMs: run.grid.longestIncludingLoadMs,
      gridLongestTaskParts: run.grid.longestTaskParts,
    },
    target: `all ${CELLS} answers; no grid task > ${LONG_TASK_MS} ms`,
    met: run.completed === CELLS && run.grid.overLongTaskCount === 0,
    result:
      `${formatNumber(run.completed)}/${formatNumber(CELLS)} completed in ${formatNumber(run.seconds, 1)} s; ` +
      `server RSS ${run.rssAtQuarterMb} MB at 25%, ${run.rssAtEndMb} MB at the end (peak ${run.peakRssMb} MB); ` +
      `grid longest task ${formatNumber(run.grid.longestMs, 1)} ms, ${run.grid.overLongTaskCount} over 50 ms while filling ` +
      `(with page load: ${formatNumber(run.grid.longestIncludingLoadMs, 1)} ms)`,
    anchor: '',
  };
}
