// Loaded into a server under test (NODE_OPTIONS=--import …): records how long the server's own event
// loop was held at a time, in CPU time of its main thread. Every 5 ms tick reads the main thread's
// on-CPU nanoseconds (/proc/<pid>/task/<pid>/schedstat): what the loop ran since the last tick. On a
// loaded machine a thread can wait for a CPU in the middle of its work; wall-clock measures (a probe's
// latency, event-loop delay, even event-loop utilisation) count that wait, CPU time does not.
// Each tick over RECORD_OVER_MS is appended to LOOP_WATCH_FILE as a JSON line.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const RECORD_OVER_MS = 10;
const file = process.env.LOOP_WATCH_FILE;
const schedstat = `/proc/${process.pid}/task/${process.pid}/schedstat`;
const onCpuMs = () => Number(fs.readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;

if (file && isMainThread) {
  let lastCpu = onCpuMs();
  let lastTime = performance.now();
  let lastUtilisation = performance.eventLoopUtilization();
  setInterval(() => {
    const cpu = onCpuMs();
    const now = performance.now();
    const utilisation = performance.eventLoopUtilization();
    const cpuMs = cpu - lastCpu;
    const busyMs = performance.eventLoopUtilization(utilisation, lastUtilisation).active;
    if (cpuMs > RECORD_OVER_MS || busyMs > RECORD_OVER_MS) {
      const line = { at: Date.now(), cpuMs, busyMs, gapMs: now - lastTime };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    }
    lastCpu = cpu;
    lastTime = now;
    lastUtilisation = utilisation;
  }, 5).unref();
}
