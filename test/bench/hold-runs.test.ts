// The benchmark's hold (bench/targets.ts holdRuns) keeps new runs queued until it is released, on every
// target the figures start: fan-out and the live-view figure connect their subscribers to a held run, and
// measure from its release. When the embedded queue began lending a waiting run's slot, a single waiting
// blocker stopped holding anything; this pins the hold on both backends of the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchRun, repeatRequest } from '@/bench/http-client';
import { holdRuns, startBackend, type Backend, type Target } from '@/bench/targets';

const statusOf = async (target: Target, channelId: string) =>
  ((await (await fetch(`${target.url}/api/runs/${channelId}`)).json()) as { run: { status: string } }).run
    .status;

async function waitForEnd(target: Target, channelId: string): Promise<string> {
  for (let tries = 0; tries < 300; tries++) {
    const status = await statusOf(target, channelId);
    if (!['queued', 'running', 'waiting'].includes(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${channelId} did not end`);
}

describe.each(['embedded', 'redis'] satisfies Backend[])('the bench hold on %s', (backend) => {
  let target: Target;
  beforeAll(async () => {
    target = await startBackend(backend, { env: { MAX_CONCURRENT_RUNS: '1' } });
  });
  afterAll(() => target?.stop());

  it('keeps a run queued until released, then the run completes', async () => {
    const release = await holdRuns(target);
    const channelId = await dispatchRun(target.url, repeatRequest(5));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await statusOf(target, channelId)).toBe('queued');
    await release();
    expect(await waitForEnd(target, channelId)).toBe('completed');
  });
});
