// Figure 3 — fan-out: one run read by 1,000 subscribers at once. All subscribers are connected while
// the run is held in the queue, then it starts. The run is paced (a fast model's speed, not full speed):
// at full speed every figure here would only measure how long a backlog takes to drain.
// Lag = when a subscriber received an event minus when the server stored it (the `at` the store keeps;
// for the app read from its SQLite file, same clock). Where a target cannot say when it stored an
// event (Redis), lag is the spread between the first and the last subscriber receiving each event.
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, epochMs, readSubscription, repeatRequest, subscribeUrl } from '../http-client';
import { megabytes, sampleRss, waitUntilIdle } from '../proc';
import { MillisecondHistogram, round } from '../stats';
import { holdRuns, type Target } from '../targets';

export const FANOUT_SUBSCRIBERS = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 1_000);
export const FANOUT_TOKENS = Number(process.env.BENCH_FANOUT_TOKENS ?? 100);
export const FANOUT_TOKEN_DELAY_MS = Number(process.env.BENCH_FANOUT_DELAY_MS ?? 5);
/** Issue 19: against the raw anchor measured in the same benchmark run (same machine, same moment). */
export const FANOUT_TARGET_LAG_RATIO = 1.5;
export const FANOUT_TARGET_RSS_RATIO = 2;
export const FANOUT_TARGET = `lag p99 ≤ ${FANOUT_TARGET_LAG_RATIO}× raw and server RSS ≤ ${FANOUT_TARGET_RSS_RATIO}× raw`;
/** The app holds the queue with one waiting run, so only one may execute at a time. */
export const FANOUT_SERVER_ENV = { MAX_CONCURRENT_RUNS: '1' };

export interface FanoutRun {
  deliveredEvents: number;
  eventsPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  lagDefinition: 'stored-to-received' | 'first-to-last-subscriber';
  peakRssMb: number;
  complete: boolean;
  /** Subscribers whose connection failed, by error code. */
  failedSubscribers: Record<string, number>;
}

/** Waits until every subscriber is connected (and waiting on the held run). */
type ConnectedWait = (target: Target, subscribers: number) => Promise<void>;

// Next sends a stream's headers only with its first chunk, so "connected" is: the server has taken
// every subscribe request and gone quiet (each subscriber then waits on the held run).
const untilServerIdle: ConnectedWait = (target) => waitUntilIdle(target.pids());

/**
 * The resumable-stream peer: every subscriber has joined the live stream. Its joins wait on Redis round
 * trips, so the server goes quiet while some are still under way; and a subscriber joining after the
 * (short) run has ended gets nothing, where the app and the anchor replay what is stored.
 */
export async function untilPeerFollowersJoined(target: Target, subscribers: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const joined = Number(await (await fetch(`${target.url}/bench/followers`)).text());
    if (joined >= subscribers) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`fewer than ${subscribers} subscribers joined the peer's stream within 2 minutes`);
}

export async function measureFanout(
  target: Target,
  subscribers = FANOUT_SUBSCRIBERS,
  untilConnected: ConnectedWait = untilServerIdle,
): Promise<FanoutRun> {
  const release = await holdRuns(target);
  const channelId = await dispatchRun(target.url, repeatRequest(FANOUT_TOKENS));
  const arrivals: number[][] = Array.from({ length: subscribers }, () => []);
  let lastArrival = 0;
  const url = subscribeUrl(target.url, channelId);
  // A subscriber whose connection fails is counted (the figure is then incomplete) rather than ending
  // the measurement: with 10,000 connections on a loaded machine, one may.
  const failures: string[] = [];
  const readers = arrivals.map((received) =>
    readSubscription(url, {}, (seq, _type, receivedAt) => {
      received[seq - 1] = receivedAt;
      if (receivedAt > lastArrival) lastArrival = receivedAt;
    }).catch((error: NodeJS.ErrnoException) => void failures.push(error.code ?? String(error))),
  );
  await Promise.race([untilConnected(target, subscribers), Promise.all(readers)]);
  const rss = sampleRss(() => target.pids());
  const releasedAt = epochMs();
  await release();
  await Promise.all(readers);
  const { peakBytes } = rss.stop();

  const eventCount = Math.max(...arrivals.map((received) => received.length));
  const complete =
    failures.length === 0 &&
    arrivals.every((received) => received.length === eventCount && !received.includes(undefined as never));
  const deliveredEvents = arrivals.reduce((sum, received) => sum + received.length, 0);
  const storedAt = await target.storedAt(channelId);
  const lags = new MillisecondHistogram();
  if (storedAt) {
    for (const received of arrivals) received.forEach((at, index) => lags.add(at - storedAt[index]));
  } else {
    for (let index = 0; index < eventCount; index += 1) {
      const times = arrivals.map((received) => received[index]);
      lags.add(Math.max(...times) - Math.min(...times));
    }
  }
  return {
    deliveredEvents,
    eventsPerSecond: deliveredEvents / ((lastArrival - releasedAt) / 1000),
    lagP50Ms: lags.percentile(50),
    lagP99Ms: lags.percentile(99),
    lagMaxMs: round(lags.max, 1),
    lagDefinition: storedAt ? 'stored-to-received' : 'first-to-last-subscriber',
    peakRssMb: megabytes(peakBytes),
    complete,
    failedSubscribers: Object.fromEntries(
      [...new Set(failures)].map((code) => [code, failures.filter((failed) => failed === code).length]),
    ),
  };
}

const describe = (run: FanoutRun) =>
  `${formatNumber(run.eventsPerSecond)} delivered events/s; lag p99 ${run.lagP99Ms} ms (p50 ${run.lagP50Ms}, max ${formatNumber(run.lagMaxMs)}); RSS ${run.peakRssMb} MB`;

export function fanoutFigure(backend: string, run: FanoutRun, anchor: FanoutRun): FigureResult {
  return {
    figure: 'fanout',
    backend,
    values: {
      subscribers: FANOUT_SUBSCRIBERS,
      tokens: FANOUT_TOKENS,
      tokenDelayMs: FANOUT_TOKEN_DELAY_MS,
      deliveredEvents: run.deliveredEvents,
      complete: run.complete,
      eventsPerSecond: Math.round(run.eventsPerSecond),
      lagP50Ms: run.lagP50Ms,
      lagP99Ms: run.lagP99Ms,
      lagMaxMs: run.lagMaxMs,
      lagDefinition: run.lagDefinition,
      serverPeakRssMb: run.peakRssMb,
      anchorEventsPerSecond: Math.round(anchor.eventsPerSecond),
      anchorLagP99Ms: anchor.lagP99Ms,
      anchorServerPeakRssMb: anchor.peakRssMb,
      lagRatio: round(run.lagP99Ms / anchor.lagP99Ms, 2),
      rssRatio: round(run.peakRssMb / anchor.peakRssMb, 2),
    },
    target: FANOUT_TARGET,
    met:
      run.complete &&
      run.lagP99Ms <= FANOUT_TARGET_LAG_RATIO * anchor.lagP99Ms &&
      run.peakRssMb <= FANOUT_TARGET_RSS_RATIO * anchor.peakRssMb,
    result: describe(run),
    anchor: describe(anchor),
  };
}
