// Ten thousand subscribers on one process: all connect while the run is held (idle connections), then
// a 100-token run reaches every one of them. The question is memory, not lag: every subscriber must get
// every event, with the server's RSS within 1.5 GB. Measured like the fan-out figure (fanout.ts).
import { formatNumber, type FigureResult } from '../figure';
import type { Target } from '../targets';
import type { FanoutRun } from './fanout';

export const FANOUT_10K_SUBSCRIBERS = Number(process.env.BENCH_FANOUT_10K_SUBSCRIBERS ?? 10_000);
export const FANOUT_10K_MAX_RSS_MB = 1_500;

/**
 * Connected = the app counts every subscription open (its `dispatch_open_subscriptions` gauge): with
 * 10,000 streams, connecting takes longer than "the server has gone quiet" can tell apart.
 */
export async function untilSubscriptionsOpen(target: Target, subscribers: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const metrics = await (await fetch(`${target.url}/api/metrics`)).text();
    const open = Number(/^dispatch_open_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
    if (open >= subscribers) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`fewer than ${subscribers} subscriptions opened within 10 minutes`);
}

export function fanout10kFigure(backend: string, run: FanoutRun, tokens: number): FigureResult {
  const rssMet = run.peakRssMb <= FANOUT_10K_MAX_RSS_MB;
  return {
    figure: 'fanout-10k',
    backend,
    values: {
      subscribers: FANOUT_10K_SUBSCRIBERS,
      tokens,
      deliveredEvents: run.deliveredEvents,
      complete: run.complete,
      failedSubscribers: JSON.stringify(run.failedSubscribers),
      serverPeakRssMb: run.peakRssMb,
      lagP50Ms: run.lagP50Ms,
      lagP99Ms: run.lagP99Ms,
      eventsPerSecond: Math.round(run.eventsPerSecond),
    },
    target: `all complete, server RSS ≤ ${formatNumber(FANOUT_10K_MAX_RSS_MB)} MB`,
    met: run.complete && rssMet,
    result: `${formatNumber(FANOUT_10K_SUBSCRIBERS)} subscribers: ${run.complete ? 'all complete' : '**incomplete**'} (${formatNumber(run.deliveredEvents)} lines); RSS ${run.peakRssMb} MB; lag p99 ${run.lagP99Ms} ms (p50 ${run.lagP50Ms})`,
    anchor: '',
  };
}
