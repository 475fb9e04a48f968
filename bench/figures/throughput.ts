// Figure 1 — channel throughput: one run of 100,000 token events (local engine, no delay) read by one
// subscriber over HTTP, timed from sending the dispatch to receiving completeEnd.
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, repeatRequest, subscribeUrl } from '../http-client';
import { round } from '../stats';
import type { Target } from '../targets';

export const THROUGHPUT_TOKENS = 100_000;
export const THROUGHPUT_TARGET_RATIO = 0.5;

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
    throw new Error(`${target.name}: expected ${tokens} tokens ending with completeEnd, got ${tokenEvents} ending with ${lastType}`);
  }
  return { events, seconds, eventsPerSecond: events / seconds };
}

/** Warms the target (JIT, route compilation, SQLite pages) with a small run, then measures one big run. */
export async function throughputFigure(target: Target, anchor: ThroughputRun): Promise<FigureResult> {
  await measureThroughput(target, 2_000);
  const run = await measureThroughput(target);
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

export async function measureThroughputAnchor(anchor: Target): Promise<ThroughputRun> {
  await measureThroughput(anchor, 2_000);
  return measureThroughput(anchor);
}
