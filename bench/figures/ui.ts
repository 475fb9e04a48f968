// Figure 5 — the browser side, in Chromium.
// (a) The live view of a 100,000-token run at full speed: the page is opened while the run is held in
//     the queue, then the run starts; the page's own PerformanceObserver ('longtask') gives every
//     main-thread task over 50 ms from the release until the page shows "completed", and CDP gives the
//     JS heap at each quarter of the tokens and, after a forced collection, what the page keeps.
// (b) The builder page (/): every script it loads on a first visit, gzipped here (zlib level 9),
//     so the figure does not depend on how the server compresses.
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import type { PipeBrowser } from '../cdp-pipe';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium';
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, repeatRequest } from '../http-client';
import { round } from '../stats';
import { holdRuns, type Target } from '../targets';

export const UI_TOKENS = 100_000;
export const LONG_TASK_MS = 50;
/**
 * What the page may keep per token once collected: the event itself (the events list shows every one)
 * and its share of the reply. Bounded means linear in the run with this slope, nothing per frame.
 */
export const RETAINED_BYTES_PER_TOKEN_TARGET = 200;
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
  /** The thread's CPU time in the event; less than `dur` when the thread waited for a core. */
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

export interface MainThreadTasks {
  longestMs: number;
  /** The most CPU time any streaming task used (a loaded machine stretches `longestMs` with waiting). */
  longestCpuMs: number;
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
    longestCpuMs: round(
      Math.max(
        0,
        ...tasks.filter((task) => task.ts >= (release?.ts ?? 0)).map((task) => (task.tdur ?? 0) / 1000),
      ),
      1,
    ),
    overLongTaskCount: streaming.filter((ms) => ms > LONG_TASK_MS).length,
    longestIncludingLoadMs: round(Math.max(0, ...all), 1),
    overLongTaskIncludingLoadCount: all.filter((ms) => ms > LONG_TASK_MS).length,
    longestTaskParts,
  };
}

/** The live view's run status (null until the page shows it). */
const RUN_STATUS = `document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') ?? null`;

/** Long tasks (PerformanceObserver 'longtask', ≥ 50 ms by definition) kept on the page's window. */
const OBSERVE_LONG_TASKS = `() => {
  const tasks = [];
  window.benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}`;

/** The live view's "Text pieces received" figure (tokens received; 0 until it shows a number). */
const TOKENS_SHOWN = `() => {
  for (const term of document.querySelectorAll('dt')) {
    if (term.textContent !== 'Text pieces received') continue;
    return Number((term.nextElementSibling?.textContent ?? '').replace(/[^0-9]/g, '')) || 0;
  }
  return 0;
}`;

export interface LiveViewMeasure extends Partial<MainThreadTasks> {
  seconds: number;
  /** Long tasks (from the page's own PerformanceObserver) between the release and "completed". */
  longTasks: number;
  longestLongTaskMs: number;
  /** JSHeapUsedSize (not collected first) when the page showed 25, 50, 75 and 100% of the tokens. */
  heapAtQuartersMb: number[];
  /** Heap after a forced collection: before the release and once completed. */
  heapBeforeMb: number;
  heapAfterMb: number;
  retainedBytesPerToken: number;
}

/**
 * The live view of a UI_TOKENS run at full speed, opened while the run is held in the queue, in a
 * Chromium driven over its DevTools pipe (cdp-pipe.ts: no network agent keeping the stream's body). Long
 * tasks come from the page's own PerformanceObserver; with BENCH_UI_TRACE=1 a Chromium trace also
 * names what the longest task spent its time on (tracing slows the page down, so it is off by default).
 */
export async function measureLiveView(
  browser: PipeBrowser,
  target: Target,
  { eventsOpen = false } = {},
): Promise<LiveViewMeasure> {
  const page = await browser.newPage();
  const tracing = process.env.BENCH_UI_TRACE === '1';
  try {
    await page.send('Emulation.setDeviceMetricsOverride', {
      width: 1280,
      height: 900,
      deviceScaleFactor: 1,
      mobile: false,
    });
    await page.send('Page.enable');
    await page.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${OBSERVE_LONG_TASKS})()` });
    // The events list remembers being open (components/live/events-fold.tsx).
    if (eventsOpen)
      await page.send('Page.addScriptToEvaluateOnNewDocument', {
        source: `localStorage.setItem('dispatch-studio.live.events-open', '1')`,
      });
    await page.send('Performance.enable');
    const heapMb = async (collect: boolean) => {
      if (collect) await page.send('HeapProfiler.collectGarbage');
      const { metrics } = (await page.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
    };
    const release = await holdRuns(target);
    const channelId = await dispatchRun(target.url, repeatRequest(UI_TOKENS));
    const trace = tracing ? await startTrace(browser) : undefined;
    await page.send('Page.navigate', { url: `${target.url}/runs/${channelId}` });
    await page.waitFor(`${RUN_STATUS} !== null`, { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const shown = await page.evaluate<string | null>(RUN_STATUS);
    if (shown !== 'queued') throw new Error(`the held run shows ${shown}, not queued`);
    const heapBeforeMb = await heapMb(true);
    const releasedAt = await page.evaluate<number>(`console.timeStamp('bench-release'), performance.now()`);
    const started = performance.now();
    await release();
    const heapAtQuartersMb: number[] = [];
    for (const quarter of [1, 2, 3, 4]) {
      await page.waitFor(`(${TOKENS_SHOWN})() >= ${(UI_TOKENS * quarter) / 4}`);
      heapAtQuartersMb.push(round(await heapMb(false), 1));
    }
    await page.waitFor(`${RUN_STATUS} === 'completed'`);
    const completedAt = await page.evaluate<number>('performance.now()');
    const seconds = (performance.now() - started) / 1000;
    const longTasks = (
      await page.evaluate<{ start: number; duration: number }[]>('window.benchLongTasks')
    ).filter((task) => task.start >= releasedAt && task.start <= completedAt);
    // The trace stops before the forced collection below, which would otherwise be its longest task.
    const traced: Partial<MainThreadTasks> = trace
      ? mainThreadTasks({ traceEvents: await trace.stop() })
      : {};
    const heapAfterMb = await heapMb(true);
    return {
      ...traced,
      seconds,
      longTasks: longTasks.length,
      longestLongTaskMs: round(Math.max(0, ...longTasks.map((task) => task.duration)), 1),
      heapAtQuartersMb,
      heapBeforeMb: round(heapBeforeMb, 1),
      heapAfterMb: round(heapAfterMb, 1),
      retainedBytesPerToken: Math.round(((heapAfterMb - heapBeforeMb) * 1e6) / UI_TOKENS),
    };
  } finally {
    await page.close();
  }
}

/** Starts a browser-wide trace; stop() ends it and answers its events. */
async function startTrace(browser: PipeBrowser): Promise<{ stop: () => Promise<TraceEvent[]> }> {
  const events: TraceEvent[] = [];
  let completed: () => void = () => {};
  const stopCollecting = browser.on('Tracing.dataCollected', (params) =>
    events.push(...(params.value as TraceEvent[])),
  );
  const stopWaiting = browser.on('Tracing.tracingComplete', () => completed());
  await browser.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
    },
  });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => (completed = resolve));
      await browser.send('Tracing.end');
      await done;
      stopCollecting();
      stopWaiting();
      return events;
    },
  };
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

function liveViewRow(backend: string, figure: string, live: LiveViewMeasure): FigureResult {
  return {
    figure,
    backend,
    values: {
      tokens: UI_TOKENS,
      streamingSeconds: round(live.seconds, 2),
      longTasks: live.longTasks,
      longestLongTaskMs: live.longestLongTaskMs,
      heapAtQuartersMb: live.heapAtQuartersMb.join(' / '),
      heapBeforeMb: live.heapBeforeMb,
      heapAfterMb: live.heapAfterMb,
      retainedBytesPerToken: live.retainedBytesPerToken,
      ...(live.longestMs !== undefined && {
        tracedLongestTaskMs: live.longestMs,
        tracedLongestTaskCpuMs: live.longestCpuMs ?? 0,
        tracedLongestTaskParts: live.longestTaskParts ?? '',
      }),
    },
    target: `no task > ${LONG_TASK_MS} ms; heap kept ≤ ${RETAINED_BYTES_PER_TOKEN_TARGET} B per token`,
    met: live.longTasks === 0 && live.retainedBytesPerToken <= RETAINED_BYTES_PER_TOKEN_TARGET,
    result:
      `${formatNumber(UI_TOKENS)} tokens in ${formatNumber(live.seconds, 1)} s: ${live.longTasks} tasks over 50 ms ` +
      `(longest ${formatNumber(live.longestLongTaskMs, 1)} ms); JS heap ${live.heapAtQuartersMb.map((mb) => formatNumber(mb, 1)).join(' / ')} MB ` +
      `at 25/50/75/100%, ${formatNumber(live.retainedBytesPerToken)} B per token kept after a collection`,
    anchor: '',
  };
}

export function uiFigures(
  backend: string,
  live: LiveViewMeasure,
  liveEventsOpen: LiveViewMeasure,
  builder: { files: number; gzipBytes: number; rawBytes: number },
): FigureResult[] {
  const kb = (bytes: number) => round(bytes / 1000, 1);
  return [
    liveViewRow(backend, 'ui-live-view', live),
    liveViewRow(backend, 'ui-live-view-events-open', liveEventsOpen),
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
