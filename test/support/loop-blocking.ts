// How long this process's event loop was held at a time, told apart from the machine not scheduling
// it: every 5 ms tick reads how much of the time since the last tick the loop was busy (event-loop
// utilisation). A long gap with little busy time was the OS, not the code; a long busy stretch was the code.
import { performance } from 'node:perf_hooks';

export function watchLoopBlocking(): { stop(): { longestBusyMs: number; longestGapMs: number } } {
  let longestBusyMs = 0;
  let longestGapMs = 0;
  let lastTime = performance.now();
  let lastUtilisation = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.now();
    const utilisation = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(utilisation, lastUtilisation).active;
    longestBusyMs = Math.max(longestBusyMs, busy);
    longestGapMs = Math.max(longestGapMs, now - lastTime);
    lastTime = now;
    lastUtilisation = utilisation;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return { longestBusyMs, longestGapMs };
    },
  };
}
