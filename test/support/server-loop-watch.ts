// Starts a server that records its own event-loop stretches (loop-watch-preload.mjs) and reads them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PRELOAD = path.resolve(import.meta.dirname, 'loop-watch-preload.mjs');

export interface LoopStretch {
  /** Epoch ms when the stretch was seen (its end). */
  at: number;
  /** CPU time the server's main thread ran between two ticks of its loop. */
  cpuMs: number;
  /** Wall time the loop was not idle (includes waiting for a CPU on a loaded machine). */
  busyMs: number;
  gapMs: number;
}

/** Environment for startServer, and a reader of the stretches recorded between two times. */
export function serverLoopWatch(): {
  env: Record<string, string>;
  stretchesBetween(from: number, to: number): LoopStretch[];
} {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ds-loop-')), 'stretches.jsonl');
  return {
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PRELOAD}`.trim(),
      LOOP_WATCH_FILE: file,
    },
    stretchesBetween(from, to) {
      if (!fs.existsSync(file)) return [];
      return fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LoopStretch)
        .filter((stretch) => stretch.at >= from && stretch.at <= to);
    },
  };
}
