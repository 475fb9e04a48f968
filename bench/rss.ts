// Resident memory of a server: the sum of VmRSS over a process and all its descendants, read from
// /proc (Linux). `next start` may run the server in a child process, so the whole tree counts.
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

/** Current RSS of the process tree rooted at `pid`, in bytes (0 where /proc is unavailable). */
export function treeRssBytes(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    total += rssBytesOf(next);
    pending.push(...childrenOf(next));
  }
  return total;
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
