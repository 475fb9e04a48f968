// Dispatch refuses new runs while the file system holding DATA_DIR is nearly full (MIN_FREE_DISK_MB):
// a full disk would otherwise fail runs half-way and can take SQLite's other writers down with it.
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../errors';

const MB = 1024 * 1024;

/** Free bytes available to this process on the file system holding `dir` (its nearest existing parent). */
export async function freeBytesAt(dir: string): Promise<number> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const stats = await statfs(current);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}

/**
 * A reading is reused this long: statfs goes through the thread pool, a hop that cost a dispatch some
 * 0.2 ms of its latency, while free space moves slowly next to the MIN_FREE_DISK_MB margin.
 */
const READING_REUSED_MS = 1_000;
const readings = new Map<string, { free: number; at: number }>();

async function recentFreeBytesAt(dataDir: string): Promise<number> {
  const now = performance.now();
  const recent = readings.get(dataDir);
  if (recent && now - recent.at < READING_REUSED_MS) return recent.free;
  const free = await freeBytesAt(dataDir);
  readings.set(dataDir, { free, at: now });
  return free;
}

/** Throws 507 INSUFFICIENT_STORAGE when less than `minFreeMb` is free under `dataDir` (0 turns it off). */
export async function assertFreeDiskSpace(dataDir: string, minFreeMb: number): Promise<void> {
  if (minFreeMb <= 0) return;
  const free = await recentFreeBytesAt(dataDir);
  if (free >= minFreeMb * MB) return;
  throw new ApiError(
    'INSUFFICIENT_STORAGE',
    `The server is low on disk space (${Math.floor(free / MB)} MB free, at least ${minFreeMb} MB needed, MIN_FREE_DISK_MB), so it does not take new runs. Free some space or ask the operator to.`,
  );
}
