// `npm run bench`: every figure of the benchmark issue in one process tree, each against a fresh server.
// Prints one JSON line per figure as it completes, then a table; writes bench/RESULTS.md.
// BENCH_ONLY=throughput,latency runs a subset; BENCH_REDIS=1 adds the Redis backend where it exists.
import path from 'node:path';
import { PipeBrowser } from './cdp-pipe';
import { skippedRow, toJsonLine, type FigureResult } from './figure';
import {
  capacityFigure,
  measureCapacityApart,
  type CapacityRun,
  type CapacityShape,
} from './figures/capacity';
import { concurrencyFigure, measureConcurrency } from './figures/concurrency';
import { measureStoreCommit, storeCommitFigure } from './figures/store-commit';
import { experimentFigure, measureExperiment } from './figures/experiments';
import {
  FANOUT_SERVER_ENV,
  FANOUT_SUBSCRIBERS,
  FANOUT_TOKEN_DELAY_MS,
  FANOUT_TOKENS,
  fanoutFigure,
  measureFanout,
  untilPeerFollowersJoined,
} from './figures/fanout';
import { FANOUT_10K_SUBSCRIBERS, fanout10kFigure, untilSubscriptionsOpen } from './figures/fanout-10k';
import { LATENCY_TARGET, latencyFigure, measureLatency } from './figures/latency';
import { measureRawRequests, requestOverheadFigure } from './figures/request-overhead';
import { measureProbe, PROBE_RUNS, probeFigure } from './figures/probe';
import { measureRunActions, RUN_ACTION_RUNS, RUN_ACTIONS_SERVER_ENV, runActionsFigure } from './figures/run-actions';
import { LARGE_DATASETS_ENV } from '../test/support/large-datasets';
import { serverLoopWatch } from '../test/support/server-loop-watch';
import { measureMedianThroughput, THROUGHPUT_TARGET_RATIO, throughputFigure } from './figures/throughput';
import {
  launchChromium,
  measureBuilderScripts,
  measureLiveView,
  UI_SERVER_ENV,
  uiFigures,
} from './figures/ui';
import { machineDescription, markdownTable, writeResults } from './report';
import {
  redisUnavailableReason,
  ROOT,
  startBackend,
  startEmbedded,
  startPacedUpstream,
  startRawAnchor,
  startRedis,
  startResumablePeer,
  type Backend,
  type Target,
  type TargetOptions,
} from './targets';

const FIGURES = [
  'throughput',
  'latency',
  'overhead',
  'fanout',
  'fanout10k',
  'concurrency',
  'capacity',
  'commit',
  'ui',
  'experiments',
  'probe',
  'actions',
] as const;
type FigureName = (typeof FIGURES)[number];

function selectedFigures(): FigureName[] {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!only) return [...FIGURES];
  const unknown = only.filter((name) => !FIGURES.includes(name as FigureName));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY names unknown figures: ${unknown.join(', ')} (known: ${FIGURES.join(', ')})`);
  return only as FigureName[];
}

const rows: FigureResult[] = [];
const report = (row: FigureResult) => {
  rows.push(row);
  console.log(toJsonLine(row));
};
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Targets running now, so an interrupted benchmark leaves no server behind. */
const running = new Set<Target>();

async function track(start: Promise<Target>): Promise<Target> {
  const target = await start;
  running.add(target);
  return target;
}

async function release(target: Target): Promise<void> {
  running.delete(target);
  await target.stop();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...running].map((target) => target.stop())).then(() => process.exit(130));
  });
}

async function withTarget<T>(start: Promise<Target>, measure: (target: Target) => Promise<T>): Promise<T> {
  const target = await track(start);
  try {
    return await measure(target);
  } finally {
    await release(target);
  }
}

/** Runs `measure` on each backend; the Redis backend becomes a "skipped" row when it cannot run here. */
async function perBackend(
  figure: string,
  targetFor: (backend: Backend) => string,
  options: TargetOptions,
  measure: (target: Target) => Promise<FigureResult>,
): Promise<void> {
  const redisReason =
    process.env.BENCH_REDIS === '1' ? await redisUnavailableReason() : 'not requested (set BENCH_REDIS=1)';
  for (const backend of ['embedded', 'redis'] as const) {
    if (backend === 'redis' && redisReason) {
      report(skippedRow(figure, backend, targetFor(backend), redisReason));
      continue;
    }
    progress(`${figure}: ${backend}`);
    let target: Target;
    try {
      target = await track(startBackend(backend, options));
    } catch (error) {
      if (backend !== 'redis') throw error;
      const firstLine = String(error instanceof Error ? error.message : error).split('\n')[0];
      report(skippedRow(figure, backend, targetFor(backend), `backend not available (${firstLine})`));
      continue;
    }
    try {
      report(await measure(target));
    } finally {
      await release(target);
    }
  }
}

/**
 * The same figure for Vercel's resumable-stream on the same Redis (bench/resumable-peer.ts): a peer to
 * compare with, so its row has no target of its own.
 */
async function peerRow(
  figure: string,
  options: TargetOptions,
  measure: (target: Target) => Promise<FigureResult>,
): Promise<void> {
  const reason = await redisUnavailableReason();
  if (reason) {
    report(skippedRow(figure, 'resumable-stream', 'peer', reason));
    return;
  }
  progress(`${figure}: resumable-stream peer`);
  const row = await withTarget(startResumablePeer(options), measure);
  report({ ...row, target: 'peer (for comparison)', met: null });
}

async function runThroughput(): Promise<void> {
  progress('throughput: raw anchor');
  const anchor = await withTarget(startRawAnchor(), measureMedianThroughput);
  await perBackend(
    'throughput',
    () => `≥ ${THROUGHPUT_TARGET_RATIO}× raw`,
    {},
    (target) => throughputFigure(target, anchor),
  );
  await peerRow('throughput', {}, (target) => throughputFigure(target, anchor));
}

async function runLatency(): Promise<void> {
  progress('latency: raw anchor');
  const anchor = await withTarget(startRawAnchor(), (target) => measureLatency(target));
  await perBackend(
    'latency',
    () => LATENCY_TARGET,
    {},
    (target) => latencyFigure(target, anchor),
  );
  // The peer keeps no history once a stream is done, so its 3-token runs are paced (20 ms) to still be
  // live when the subscriber arrives a millisecond later; the first event and first token are not delayed.
  await peerRow('latency', { tokenDelayMs: 20 }, (target) => latencyFigure(target, anchor));
}

async function runOverhead(): Promise<void> {
  progress('request overhead: raw anchor');
  const raw = await withTarget(startRawAnchor(), measureRawRequests);
  await perBackend(
    'request overhead',
    () => 'measured (no target)',
    {},
    (target) => requestOverheadFigure(target, raw),
  );
}

async function runFanout(): Promise<void> {
  const options = { tokenDelayMs: FANOUT_TOKEN_DELAY_MS, env: FANOUT_SERVER_ENV };
  progress('fanout: raw anchor');
  const anchor = await withTarget(startRawAnchor(options), measureFanout);
  progress('fanout: embedded');
  const run = await withTarget(startEmbedded(options), measureFanout);
  report(fanoutFigure('embedded', run, anchor));
  await peerRow('fanout', options, async (target) =>
    fanoutFigure(
      target.name,
      await measureFanout(target, FANOUT_SUBSCRIBERS, untilPeerFollowersJoined),
      anchor,
    ),
  );
}

async function runFanout10k(): Promise<void> {
  const options = { tokenDelayMs: FANOUT_TOKEN_DELAY_MS, env: FANOUT_SERVER_ENV };
  progress(`fanout-10k: ${FANOUT_10K_SUBSCRIBERS} idle subscribers, embedded`);
  const run = await withTarget(startEmbedded(options), (target) =>
    measureFanout(target, FANOUT_10K_SUBSCRIBERS, untilSubscriptionsOpen),
  );
  report(fanout10kFigure('embedded', run, FANOUT_TOKENS));
}

async function runStoreCommit(): Promise<void> {
  progress('store commit: 1,000 live runs, 100 group commits, embedded store in this process');
  report(storeCommitFigure('embedded', await measureStoreCommit('embedded')));
  const reason =
    process.env.BENCH_REDIS === '1' ? await redisUnavailableReason() : 'not requested (set BENCH_REDIS=1)';
  if (reason) return report(skippedRow('store-commit', 'redis', 'measured (no target)', reason));
  progress('store commit: the same on Redis, this process standing where a worker does');
  report(storeCommitFigure('redis', await measureStoreCommit('redis')));
}

async function runConcurrency(): Promise<void> {
  progress('concurrency: embedded');
  report(concurrencyFigure('embedded', await withTarget(startEmbedded(), measureConcurrency)));
}

const CAPACITY_RUNS = Number(process.env.BENCH_CAPACITY_RUNS ?? 1000);
const PACED_TOKENS = 200;
const PACED_DELAY_MS = 20;

const CAPACITY_REDIS_RUNS = Number(process.env.BENCH_CAPACITY_REDIS_RUNS ?? 5000);
const CAPACITY_REDIS_WORKERS = 2;

/** The OpenAI engine's settings pointing at a paced upstream, with `runs` allowed at once. */
const openaiEnv = (upstreamUrl: string, runs: number) => ({
  OPENAI_BASE_URL: upstreamUrl,
  OPENAI_API_KEY: 'bench',
  MAX_CONCURRENT_RUNS: String(runs),
});

/** A paced upstream of its own for one target (the anchor or the app); stopping the target stops it. */
async function withPacedUpstream(start: (upstreamUrl: string) => Promise<Target>): Promise<Target> {
  const upstream = await startPacedUpstream(PACED_TOKENS, PACED_DELAY_MS);
  try {
    const target = await start(upstream.baseUrl);
    return { ...target, stop: () => target.stop().then(upstream.stop) };
  } catch (error) {
    await upstream.stop();
    throw error;
  }
}

/** BENCH_CAPACITY_APP_FIRST=1 measures the app before its anchor, to check that the order does not matter. */
const APP_FIRST = process.env.BENCH_CAPACITY_APP_FIRST === '1';

/**
 * One capacity shape on the raw anchor and on the app, each in a fresh target, with a fresh paced
 * upstream where the shape has one, and a fresh client process (measureCapacityApart).
 */
async function measureCapacityPair(
  shape: CapacityShape,
  sides: Record<'anchor' | 'app', { label: string; start: () => Promise<Target> }>,
): Promise<{ anchor: CapacityRun; run: CapacityRun }> {
  const measure = (side: 'anchor' | 'app') => {
    progress(`capacity: ${sides[side].label}`);
    return withTarget(sides[side].start(), (target) => measureCapacityApart(target, shape));
  };
  if (APP_FIRST) {
    const run = await measure('app');
    return { anchor: await measure('anchor'), run };
  }
  const anchor = await measure('anchor');
  return { anchor, run: await measure('app') };
}

/**
 * Issue 19: "on Redis, 2 workers hold 5,000 such runs" — the web server (not executing runs) and two
 * worker processes, each allowed half the runs at once, with the paced upstream. Only with BENCH_REDIS=1.
 */
async function runCapacityOnRedis(): Promise<void> {
  const shape: CapacityShape = {
    engine: 'openai',
    runs: CAPACITY_REDIS_RUNS,
    tokensPerRun: PACED_TOKENS,
    paceMs: PACED_DELAY_MS,
  };
  const figure = `capacity-${shape.engine}`;
  const target = `${CAPACITY_REDIS_WORKERS} workers hold ${CAPACITY_REDIS_RUNS} runs`;
  const reason =
    process.env.BENCH_REDIS === '1' ? await redisUnavailableReason() : 'not requested (set BENCH_REDIS=1)';
  if (reason) {
    report(skippedRow(figure, 'redis', target, reason));
    return;
  }
  const env = (upstreamUrl: string) => ({
    ...openaiEnv(upstreamUrl, Math.ceil(CAPACITY_REDIS_RUNS / CAPACITY_REDIS_WORKERS)),
    MAX_QUEUED_RUNS: String(CAPACITY_REDIS_RUNS * 2),
  });
  const { anchor, run } = await measureCapacityPair(shape, {
    anchor: {
      label: `${CAPACITY_REDIS_RUNS} paced openai runs, raw anchor relaying the upstream`,
      start: () => withPacedUpstream((upstreamUrl) => startRawAnchor({ upstreamUrl })),
    },
    app: {
      label: `${CAPACITY_REDIS_RUNS} paced openai runs, redis with ${CAPACITY_REDIS_WORKERS} workers`,
      start: () =>
        withPacedUpstream((upstreamUrl) =>
          startRedis({ env: env(upstreamUrl), workers: CAPACITY_REDIS_WORKERS }),
        ),
    },
  });
  report(capacityFigure('redis', shape, run, anchor));
}

/** 1,000 runs at a model's pace, each with a subscriber: the paced upstream, then the local engine. */
async function runCapacity(): Promise<void> {
  const env = (upstreamUrl: string) => ({
    ...openaiEnv(upstreamUrl, CAPACITY_RUNS),
    MAX_QUEUED_RUNS: String(CAPACITY_RUNS * 2),
  });
  const openai: CapacityShape = {
    engine: 'openai',
    runs: CAPACITY_RUNS,
    tokensPerRun: PACED_TOKENS,
    paceMs: PACED_DELAY_MS,
  };
  const paced = await measureCapacityPair(openai, {
    anchor: {
      label: `${CAPACITY_RUNS} paced openai runs, raw anchor relaying the upstream`,
      start: () => withPacedUpstream((upstreamUrl) => startRawAnchor({ upstreamUrl })),
    },
    app: {
      label: `${CAPACITY_RUNS} paced openai runs, embedded`,
      start: () => withPacedUpstream((upstreamUrl) => startEmbedded({ env: env(upstreamUrl) })),
    },
  });
  report(capacityFigure('embedded', openai, paced.run, paced.anchor));
  // The local engine at its default pace (LOCAL_TOKEN_DELAY_MS=15).
  const local: CapacityShape = {
    engine: 'local',
    runs: CAPACITY_RUNS,
    tokensPerRun: PACED_TOKENS,
    paceMs: 15,
  };
  const own = await measureCapacityPair(local, {
    anchor: {
      label: `${CAPACITY_RUNS} runs at 15 ms, raw anchor`,
      start: () => startRawAnchor({ tokenDelayMs: 15 }),
    },
    app: {
      label: `${CAPACITY_RUNS} local runs at 15 ms, embedded`,
      // The same settings as the openai row (its engine listed by the dashboard requests), never called.
      start: () =>
        withPacedUpstream((upstreamUrl) => startEmbedded({ tokenDelayMs: 15, env: env(upstreamUrl) })),
    },
  });
  report(capacityFigure('embedded', local, own.run, own.anchor));
  await runCapacityOnRedis();
}

async function runUi(): Promise<void> {
  progress('ui: embedded, Chromium');
  // The live view is measured without Playwright's network agent (bench/cdp-pipe.ts says why).
  const pipeBrowser = await PipeBrowser.launch();
  const browser = await launchChromium();
  try {
    const [live, liveEventsOpen, builder] = await withTarget(
      startEmbedded({ env: UI_SERVER_ENV }),
      async (target) =>
        [
          await measureLiveView(pipeBrowser, target),
          await measureLiveView(pipeBrowser, target, { eventsOpen: true }),
          await measureBuilderScripts(browser, target),
        ] as const,
    );
    for (const row of uiFigures('embedded', live, liveEventsOpen, builder)) report(row);
  } finally {
    await Promise.all([browser.close(), pipeBrowser.close()]);
  }
}

async function runExperiments(): Promise<void> {
  progress('experiments: embedded, 1,000 rows × 2 variants, Chromium');
  const browser = await launchChromium();
  try {
    report(
      experimentFigure(
        'embedded',
        await withTarget(startEmbedded(), (target) => measureExperiment(browser, target)),
      ),
    );
  } finally {
    await browser.close();
  }
}

/** Probes during runs with 16 × 5,000 dataset records; the server records its own loop stretches. */
async function runProbe(): Promise<void> {
  progress(`probe: ${PROBE_RUNS} runs with 16 × 5,000 dataset records, embedded`);
  const watch = serverLoopWatch();
  const summary = await withTarget(
    startEmbedded({ env: { ...watch.env, ...LARGE_DATASETS_ENV } }),
    (target) =>
      measureProbe(target, (from, to) =>
        Math.max(0, ...watch.stretchesBetween(from, to).map((stretch) => stretch.cpuMs)),
      ),
  );
  report(probeFigure('embedded', summary));
}

/** Retrying many runs: one request per run against one request for all (the runs list's selection). */
async function runRunActions(): Promise<void> {
  await perBackend(
    `retry ${RUN_ACTION_RUNS} runs`,
    () => 'measured (no target)',
    { env: RUN_ACTIONS_SERVER_ENV },
    async (target) => runActionsFigure(target.name, await measureRunActions(target)),
  );
}

const RUNNERS: Record<FigureName, () => Promise<void>> = {
  throughput: runThroughput,
  latency: runLatency,
  overhead: runOverhead,
  fanout: runFanout,
  fanout10k: runFanout10k,
  concurrency: runConcurrency,
  capacity: runCapacity,
  commit: runStoreCommit,
  ui: runUi,
  experiments: runExperiments,
  probe: runProbe,
  actions: runRunActions,
};

async function main(): Promise<void> {
  const startedAt = new Date();
  const figures = selectedFigures();
  progress(`machine: ${machineDescription()}`);
  for (const figure of figures) await RUNNERS[figure]();
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  console.log(`\n${markdownTable(rows)}\n\nMachine: ${machineDescription()}; ${Math.round(seconds)} s.`);
  if (figures.length === FIGURES.length) {
    writeResults(path.join(ROOT, 'bench/RESULTS.md'), rows, startedAt, seconds);
    progress('wrote bench/RESULTS.md');
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
