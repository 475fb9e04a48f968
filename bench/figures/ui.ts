// Figure 5 — the browser side, in Chromium.
// (a) The live view of a 20,000-token run at full speed: the page is opened while the run is held in
//     the queue, then the run starts; a Chromium trace gives every main-thread task (RunTask on
//     CrRendererMain). Reported for the streaming phase (from the start of the run until it shows
//     completed) and, separately, including the page load.
// (b) The builder page (/): every script it loads on a first visit, gzipped here (zlib level 9),
//     so the figure does not depend on how the server compresses.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium';
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, repeatRequest } from '../http-client';
import { round } from '../stats';
import { holdRuns, type Target } from '../targets';

export const UI_TOKENS = 20_000;
export const LONG_TASK_MS = 50;
export const BUILDER_JS_TARGET_KB = 250;
export const UI_SERVER_ENV = { MAX_CONCURRENT_RUNS: '1' };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { message?: string } };
}

export interface MainThreadTasks {
  longestMs: number;
  overLongTaskCount: number;
  longestIncludingLoadMs: number;
  overLongTaskIncludingLoadCount: number;
  /** What the longest streaming task spent its time on: the longest trace events inside it, by name. */
  longestTaskParts: string;
}

/** Main-thread tasks of the page's renderer(s), split at the `bench-release` timestamp mark. */
export function mainThreadTasks(trace: { traceEvents: TraceEvent[] }): MainThreadTasks {
  const mainThreads = new Set(
    trace.traceEvents
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const onMain = trace.traceEvents.filter((event) => mainThreads.has(`${event.pid}:${event.tid}`));
  const release = onMain.find(
    (event) => event.name === 'TimeStamp' && event.args?.data?.message === 'bench-release',
  );
  // Newer Chromium names the top-level task "RunTask"; older ones "ThreadControllerImpl::RunTask".
  const taskName = onMain.some((event) => event.name === 'RunTask')
    ? 'RunTask'
    : 'ThreadControllerImpl::RunTask';
  const tasks = onMain.filter(
    (event) => event.ph === 'X' && event.name === taskName && event.dur !== undefined,
  );
  const durations = (from: number) =>
    tasks.filter((task) => task.ts >= from).map((task) => (task.dur as number) / 1000);
  const streaming = durations(release?.ts ?? 0);
  const all = durations(0);
  const longest = tasks
    .filter((task) => task.ts >= (release?.ts ?? 0))
    .reduce<TraceEvent | undefined>(
      (best, task) => (!best || (task.dur ?? 0) > (best.dur ?? 0) ? task : best),
      undefined,
    );
  const parts = new Map<string, number>();
  for (const event of onMain) {
    if (!longest || event.ph !== 'X' || event.dur === undefined || event.name === taskName) continue;
    // The DevTools Performance panel's own events (Layout, FunctionCall, MinorGC …), not scheduler wrappers.
    if (!event.cat.split(',').includes('devtools.timeline')) continue;
    if (event.tid !== longest.tid || event.ts < longest.ts || event.ts > longest.ts + (longest.dur ?? 0))
      continue;
    parts.set(event.name, Math.max(parts.get(event.name) ?? 0, event.dur / 1000));
  }
  const longestTaskParts = [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${round(ms, 1)} ms`)
    .join(', ');
  return {
    longestMs: round(Math.max(0, ...streaming), 1),
    overLongTaskCount: streaming.filter((ms) => ms > LONG_TASK_MS).length,
    longestIncludingLoadMs: round(Math.max(0, ...all), 1),
    overLongTaskIncludingLoadCount: all.filter((ms) => ms > LONG_TASK_MS).length,
    longestTaskParts,
  };
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('run-status').first().getAttribute('data-status');
}

export async function measureLiveView(
  browser: Browser,
  target: Target,
): Promise<MainThreadTasks & { seconds: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    const release = await holdRuns(target);
    const channelId = await dispatchRun(target.url, repeatRequest(UI_TOKENS));
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
    });
    // Not "networkidle": the page holds its subscription open.
    await page.goto(`${target.url}/runs/${channelId}`, { waitUntil: 'load' });
    await page.getByTestId('run-status').first().waitFor();
    await page.waitForTimeout(1_000);
    if ((await statusOf(page)) !== 'queued')
      throw new Error(`the held run shows ${await statusOf(page)}, not queued`);
    await page.evaluate(() => console.timeStamp('bench-release'));
    const started = performance.now();
    await release();
    await page
      .locator('[data-testid="run-status"][data-status="completed"]')
      .first()
      .waitFor({ timeout: 120_000 });
    const seconds = (performance.now() - started) / 1000;
    await page
      .getByText('Tokens received')
      .locator('..')
      .filter({ hasText: '20,000' })
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    return { ...mainThreadTasks(trace), seconds };
  } finally {
    await page.close();
  }
}

export async function measureBuilderScripts(
  browser: Browser,
  target: Target,
): Promise<{ files: number; gzipBytes: number; rawBytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  });
  try {
    await page.goto(`${target.url}/`, { waitUntil: 'networkidle' });
    await page.locator('form[data-ready="true"]').waitFor();
    await page.waitForLoadState('networkidle');
    const scripts = await Promise.all(bodies);
    return {
      files: scripts.length,
      rawBytes: scripts.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    };
  } finally {
    await context.close();
  }
}

export function uiFigures(
  backend: string,
  live: MainThreadTasks & { seconds: number },
  builder: { files: number; gzipBytes: number; rawBytes: number },
): FigureResult[] {
  const kb = (bytes: number) => round(bytes / 1000, 1);
  return [
    {
      figure: 'ui-live-view',
      backend,
      values: {
        tokens: UI_TOKENS,
        streamingSeconds: round(live.seconds, 2),
        longestTaskMs: live.longestMs,
        tasksOver50Ms: live.overLongTaskCount,
        longestTaskIncludingLoadMs: live.longestIncludingLoadMs,
        tasksOver50MsIncludingLoad: live.overLongTaskIncludingLoadCount,
        longestTaskParts: live.longestTaskParts,
      },
      target: `no task > ${LONG_TASK_MS} ms`,
      met: live.overLongTaskCount === 0,
      result:
        `longest task ${formatNumber(live.longestMs, 1)} ms, ${live.overLongTaskCount} over 50 ms while streaming ` +
        `(with page load: ${formatNumber(live.longestIncludingLoadMs, 1)} ms, ${live.overLongTaskIncludingLoadCount} over)`,
      anchor: '',
    },
    {
      figure: 'ui-builder-js',
      backend,
      values: { scripts: builder.files, gzipKb: kb(builder.gzipBytes), rawKb: kb(builder.rawBytes) },
      target: `≤ ${BUILDER_JS_TARGET_KB} kB gzipped`,
      met: builder.gzipBytes <= BUILDER_JS_TARGET_KB * 1000,
      result: `${formatNumber(kb(builder.gzipBytes), 1)} kB gzipped in ${builder.files} scripts (${formatNumber(kb(builder.rawBytes), 1)} kB raw)`,
      anchor: '',
    },
  ];
}
