// A server process's resident memory, read the way an operator would (Linux /proc), sampled while
// something runs so a test can bound the peak, not only the end state.
import fs from 'node:fs';

export const MB = 1024 * 1024;

/** Resident memory of a process in bytes (VmRSS). */
export function residentBytes(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
}

/** Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the highest value seen. */
export function sampleResident(pid: number, intervalMs = 20): { stop(): number } {
  let peak = residentBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid));
    } catch {
      clearInterval(timer); // the process is gone
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentBytes(pid));
    },
  };
}
