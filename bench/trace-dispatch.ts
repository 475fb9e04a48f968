// A timing trace of single dispatches on the Redis backend: the client's own steps (dispatch sent and
// answered, subscribe sent, first line) beside every Redis command the app's processes sent for the run,
// as Redis's MONITOR timestamps them (same machine clock). Diagnostic only: MONITOR slows Redis a little.
// `npx tsx bench/trace-dispatch.ts [traced dispatches]`
import { Redis } from 'ioredis';
import { dispatchRun, epochMs, readSubscription, repeatRequest, subscribeUrl } from './http-client';
import { REDIS_URL, startRedis } from './targets';

const traced = Number(process.argv[2] ?? 3);
const target = await startRedis();
try {
  for (let index = 0; index < 30; index += 1) {
    const id = await dispatchRun(target.url, repeatRequest(3));
    await readSubscription(subscribeUrl(target.url, id), {}, () => undefined);
  }
  const monitor = new Redis(REDIS_URL);
  const lines: { at: number; text: string }[] = [];
  const monitoring = await monitor.monitor();
  const ours = `bench-${process.pid}-`;
  monitoring.on('monitor', (time: string, args: string[], source: string) => {
    if (!args.some((arg) => arg.includes(ours))) return;
    lines.push({
      at: Number(time) * 1000,
      text: `${source} ${args.map((arg) => arg.slice(0, 60)).join(' ')}`,
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (let index = 0; index < traced; index += 1) {
    lines.length = 0;
    const marks: { at: number; text: string }[] = [];
    const mark = (text: string) => marks.push({ at: epochMs(), text: `CLIENT ${text}` });
    mark('dispatch sent');
    const id = await dispatchRun(target.url, repeatRequest(3));
    mark('dispatch answered');
    let first = true;
    await readSubscription(subscribeUrl(target.url, id), {}, (_seq, type, receivedAt) => {
      if (first) marks.push({ at: receivedAt, text: `CLIENT first line (${type})` });
      first = false;
    });
    mark('subscription ended');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = marks[0].at;
    const all = [...marks, ...lines.filter((line) => line.at >= start - 1)].sort((a, b) => a.at - b.at);
    console.log(`--- dispatch ${index + 1}`);
    for (const line of all) {
      if (line.at > marks[marks.length - 1].at) break;
      console.log(`${(line.at - start).toFixed(3).padStart(8)} ${line.text}`);
    }
  }
  monitoring.disconnect();
  monitor.disconnect();
} finally {
  await target.stop();
}
