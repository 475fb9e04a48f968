import { dispatchRun, readSubscription, subscribeUrl } from './http-client';
const base = process.argv[2];
const runs = Number(process.argv[3]);
const body = JSON.parse(process.argv[4]);
const started = performance.now();
await Promise.all(
  Array.from({ length: runs }, async () => {
    const id = await dispatchRun(base, body);
    await readSubscription(subscribeUrl(base, id), {}, () => undefined);
  }),
);
console.log('wall', ((performance.now() - started) / 1000).toFixed(2));
