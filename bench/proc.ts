// What a server process tree uses, read from /proc (Linux): resident memory (the sum of VmRSS over a
// process and all its descendants, since `next start` may run the server in a child) and CPU time.
import fs from 'node:fs';

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return children;
  }
  for (const task of tasks) {
    try {
      const listed = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return children;
}

function rssBytesOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function treePids(pid: number): number[] {
  const all: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    all.push(next);
    pending.push(...childrenOf(next));
  }
  return all;
}

/** Current RSS of the process tree rooted at `pid`, in bytes (0 where /proc is unavailable). */
export function treeRssBytes(pid: number): number {
  return treePids(pid).reduce((sum, each) => sum + rssBytesOf(each), 0);
}

/** User plus system CPU time from a /proc stat file, in clock ticks; 0 once the process ended. */
function statCpuTicks(file: string): number {
  try {
    const stat = fs.readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** User plus system CPU time of a process tree, in clock ticks (1/100 s on Linux). */
export function treeCpuTicks(pid: number): number {
  return treePids(pid).reduce((sum, each) => sum + statCpuTicks(`/proc/${each}/stat`), 0);
}

/**
 * The same for the main threads only (a process's main thread has its pid as thread id): the thread that
 * serves requests, without worker threads, the garbage collector's helpers and libuv's pool.
 */
export function treeMainThreadCpuTicks(pid: number): number {
  return treePids(pid).reduce((sum, each) => sum + statCpuTicks(`/proc/${each}/task/${each}/stat`), 0);
}

/**
 * Waits until the processes have used (almost) no CPU for `quietMs`: the way to know a server has
 * finished taking requests whose answers it holds back (a subscription to a queued run sends nothing).
 */
export async function waitUntilIdle(pids: number[], quietMs = 300, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = pids.reduce((sum, pid) => sum + treeCpuTicks(pid), 0);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = pids.reduce((sum, pid) => sum + treeCpuTicks(pid), 0);
    // At most 10% of one core: a profiler or timers may tick, request handling would not stay this low.
    if (now - last <= quietMs / 100) return;
    last = now;
  }
  throw new Error('the server did not become idle');
}

/** Busy and total CPU time of the whole machine so far, in clock ticks, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((sum, each) => sum + each, 0);
  // idle and iowait
  return { busy: total - fields[3] - fields[4], total };
}

/**
 * Waits until the whole machine has used at most 10% of one core for `quietMs` (a stopped server's
 * process gone, its sockets torn down); gives up after `timeoutMs` where something else keeps it busy,
 * and says whether it was quiet.
 */
export async function waitUntilMachineQuiet(quietMs = 500, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = machineTicks().busy;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = machineTicks().busy;
    if (now - last <= quietMs / 100) return true;
    last = now;
  }
  return false;
}

/** Samples the tree's RSS every `intervalMs` until stopped; reports the peak and the last sample. */
export function sampleRss(pids: () => number[], intervalMs = 50) {
  let peak = 0;
  let last = 0;
  const sample = () => {
    last = pids().reduce((sum, pid) => sum + treeRssBytes(pid), 0);
    peak = Math.max(peak, last);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): { peakBytes: number; lastBytes: number } {
      clearInterval(timer);
      sample();
      return { peakBytes: peak, lastBytes: last };
    },
  };
}

export const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
