// Figure 4 — concurrency: 500 dispatches sent at once, each followed by its own subscriber. Every
// subscriber must see seq 1, 2, 3 … without a gap or a repeat, every token, and completeEnd last.
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, readSubscription, repeatRequest, subscribeUrl } from '../http-client';
import { megabytes, sampleRss } from '../proc';
import { round } from '../stats';
import type { Target } from '../targets';

export const CONCURRENT_DISPATCHES = 500;
export const TOKENS_PER_RUN = 100;

export interface ConcurrencyRun {
  seconds: number;
  lostEvents: number;
  duplicatedEvents: number;
  peakRssMb: number;
}

interface ChannelCheck {
  lost: number;
  duplicated: number;
}

async function dispatchAndFollow(target: Target): Promise<ChannelCheck> {
  const channelId = await dispatchRun(target.url, repeatRequest(TOKENS_PER_RUN));
  const seen = new Set<number>();
  const tokens = new Set<string>();
  let duplicated = 0;
  let lastType = '';
  const { status } = await readSubscription(
    subscribeUrl(target.url, channelId),
    {},
    (seq, type, _at, line) => {
      if (seen.has(seq)) duplicated += 1;
      seen.add(seq);
      lastType = type;
      if (type === 'token')
        tokens.add((JSON.parse(line) as { data: { data: { token: string } } }).data.data.token);
    },
  );
  if (status !== 200) throw new Error(`subscribe answered ${status}`);
  const highest = Math.max(0, ...seen);
  const gaps = highest - seen.size;
  const missingTokens = TOKENS_PER_RUN - tokens.size;
  const missingEnd = lastType === 'completeEnd' ? 0 : 1;
  return { lost: gaps + missingTokens + missingEnd, duplicated };
}

export async function measureConcurrency(target: Target): Promise<ConcurrencyRun> {
  const rss = sampleRss(() => target.pids());
  const started = performance.now();
  const checks = await Promise.all(
    Array.from({ length: CONCURRENT_DISPATCHES }, () => dispatchAndFollow(target)),
  );
  const seconds = (performance.now() - started) / 1000;
  const { peakBytes } = rss.stop();
  return {
    seconds,
    lostEvents: checks.reduce((sum, check) => sum + check.lost, 0),
    duplicatedEvents: checks.reduce((sum, check) => sum + check.duplicated, 0),
    peakRssMb: megabytes(peakBytes),
  };
}

export function concurrencyFigure(backend: string, run: ConcurrencyRun): FigureResult {
  return {
    figure: 'concurrency',
    backend,
    values: {
      dispatches: CONCURRENT_DISPATCHES,
      tokensPerRun: TOKENS_PER_RUN,
      seconds: round(run.seconds, 2),
      lostEvents: run.lostEvents,
      duplicatedEvents: run.duplicatedEvents,
      serverPeakRssMb: run.peakRssMb,
    },
    target: '0 lost, 0 duplicated',
    met: run.lostEvents === 0 && run.duplicatedEvents === 0,
    result: `${formatNumber(run.seconds, 2)} s total; lost ${run.lostEvents}, duplicated ${run.duplicatedEvents}; peak RSS ${run.peakRssMb} MB`,
    anchor: '',
  };
}
