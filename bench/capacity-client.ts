// The capacity figure's client, run as a process of its own for each measurement (bench/figures/capacity.ts,
// measureCapacityApart): it reads CAPACITY_JOB ({url, pids, shape}), measures, and prints
// "result <CapacityRun as JSON>". A fresh process starts every measurement, the anchor's and the app's,
// from the same client state (heap, compiled code, connection pool, prober thread).
import { measureCapacity, type CapacityJob } from './figures/capacity';

const job = JSON.parse(process.env.CAPACITY_JOB ?? '') as CapacityJob;
const pids = job.pids;
const run = await measureCapacity({ url: job.url, pids: () => pids }, job.shape);
console.log(`result ${JSON.stringify(run)}`);
process.exit(0);
