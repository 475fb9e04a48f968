// Figure — acting on many runs at once, as the runs list does with "Select every run that matches":
// retrying RUN_ACTION_RUNS ended runs by one request each (six at a time, as a browser sends them to one
// host), against retrying as many others in one POST /api/runs/actions. Wall time of each, measured by
// the client until every answer is in, each on an idle server (the first half's retries have ended).
import { formatNumber, type FigureResult } from '../figure';
import { dispatchRun, postJson } from '../http-client';
import { mapAtMost } from '../../lib/map-at-most';
import { round, sleep } from '../stats';
import type { Target } from '../targets';

export const RUN_ACTION_RUNS = 500;
/** Requests a browser has in flight to one host over HTTP/1.1. */
const BROWSER_CONNECTIONS = 6;

/** Runs the server keeps queued: both halves' runs, then their retries. */
export const RUN_ACTIONS_SERVER_ENV = { MAX_QUEUED_RUNS: String(RUN_ACTION_RUNS * 5) };

export interface RunActionsTimes {
  oneByOneMs: number;
  oneRequestMs: number;
  retried: number;
}

async function endedRuns(target: Target, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50)
    ids.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, count - start) }, (_, index) =>
          dispatchRun(target.url, { messages: [{ type: 'user', text: `bulk ${start + index}` }] }),
        ),
      )),
    );
  await untilIdle(target);
  return ids;
}

/** Until no run is queued or running. */
async function untilIdle(target: Target): Promise<void> {
  for (;;) {
    const response = await fetch(`${target.url}/api/runs/overview?window=hour`);
    const { queueDepth, byStatus } = (await response.json()) as {
      queueDepth: number;
      byStatus: Record<string, number>;
    };
    if (queueDepth === 0 && !byStatus.running) return;
    await sleep(200);
  }
}

async function retryOneByOne(target: Target, ids: string[]): Promise<number> {
  const answers = await mapAtMost(ids, BROWSER_CONNECTIONS, (id) =>
    postJson<{ channelId?: string }>(`${target.url}/api/runs/${id}/retry`, {}),
  );
  return answers.filter((answer) => answer.status === 200).length;
}

export async function measureRunActions(target: Target): Promise<RunActionsTimes> {
  const ids = await endedRuns(target, RUN_ACTION_RUNS * 2);
  const [oneByOne, together] = [ids.slice(0, RUN_ACTION_RUNS), ids.slice(RUN_ACTION_RUNS)];
  let started = performance.now();
  const retriedOneByOne = await retryOneByOne(target, oneByOne);
  const oneByOneMs = performance.now() - started;
  await untilIdle(target);
  started = performance.now();
  const answer = await postJson<{ done: unknown[] }>(`${target.url}/api/runs/actions`, {
    action: 'retry',
    channelIds: together,
  });
  const oneRequestMs = performance.now() - started;
  if (answer.status !== 200) throw new Error(`run actions answered ${answer.status}`);
  return { oneByOneMs, oneRequestMs, retried: retriedOneByOne + answer.body.done.length };
}

export function runActionsFigure(backend: string, times: RunActionsTimes): FigureResult {
  return {
    figure: `retry ${RUN_ACTION_RUNS} runs`,
    backend,
    values: {
      runs: RUN_ACTION_RUNS,
      oneByOneMs: round(times.oneByOneMs),
      oneRequestMs: round(times.oneRequestMs),
      retried: times.retried,
    },
    target: 'measured (no target)',
    met: null,
    result: `one request: ${formatNumber(times.oneRequestMs)} ms (${formatNumber(times.retried)} of ${formatNumber(RUN_ACTION_RUNS * 2)} retried)`,
    anchor: `one request per run, ${BROWSER_CONNECTIONS} at a time: ${formatNumber(times.oneByOneMs)} ms`,
  };
}
