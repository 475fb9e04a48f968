// Figure 1 — channel throughput: one run of 100,000 token events (local engine, no delay) read by one
// subscriber over HTTP, timed from sending the dispatch to receiving completeEnd.
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, repeatRequest, subscribeUrl } from '../http-client';
import { round } from '../stats';
import type { Target } from '../targets';

export const THROUGHPUT_TOKENS = 100_000;
export const THROUGHPUT_TARGET_RATIO = 0.8;

export interface ThroughputRun {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export async function measureThroughput(target: Target, tokens = THROUGHPUT_TOKENS): Promise<ThroughputRun> {
  const started = performance.now();
  const channelId = await dispatchRun(target.url, repeatRequest(tokens));
  let events = 0;
  let tokenEvents = 0;
  let lastType = '';
  await readSubscription(subscribeUrl(target.url, channelId), {}, (_seq, type) => {
    events += 1;
    if (type === 'token') tokenEvents += 1;
    lastType = type;
  });
  const seconds = (performance.now() - started) / 1000;
  if (tokenEvents !== tokens || lastType !== 'completeEnd') {
    throw new Error(
      `${target.name}: expected ${tokens} tokens ending with completeEnd, got ${tokenEvents} ending with ${lastType}`,
    );
  }
  return { events, seconds, eventsPerSecond: events / seconds };
}

const MEASURED_RUNS = 3;

/**
 * Warms the target (JIT, route compilation, SQLite pages) with a small run, then measures three big
 * runs and keeps the median: on a shared two-core machine one run can be off by a fifth.
 */
export async function measureMedianThroughput(target: Target): Promise<ThroughputRun> {
  await measureThroughput(target, 2_000);
  const runs: ThroughputRun[] = [];
  for (let index = 0; index < MEASURED_RUNS; index += 1) runs.push(await measureThroughput(target));
  return runs.sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(MEASURED_RUNS / 2)];
}

export async function throughputFigure(target: Target, anchor: ThroughputRun): Promise<FigureResult> {
  const run = await measureMedianThroughput(target);
  const ratio = run.eventsPerSecond / anchor.eventsPerSecond;
  return {
    figure: 'throughput',
    backend: target.name,
    values: {
      tokens: THROUGHPUT_TOKENS,
      events: run.events,
      seconds: round(run.seconds, 3),
      eventsPerSecond: Math.round(run.eventsPerSecond),
      anchorEventsPerSecond: Math.round(anchor.eventsPerSecond),
      ratio: round(ratio, 3),
    },
    target: `≥ ${THROUGHPUT_TARGET_RATIO}× raw`,
    met: ratio >= THROUGHPUT_TARGET_RATIO,
    result: `${formatNumber(run.eventsPerSecond)} events/s (${round(ratio, 2)}× raw)`,
    anchor: `${formatNumber(anchor.eventsPerSecond)} events/s`,
  };
}
