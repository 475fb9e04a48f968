// Percentiles and small number helpers for the benchmark figures.

/** The p-th percentile (0–100) by nearest rank over a copy of the samples; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Counts of whole milliseconds, for millions of lag samples where an array of numbers would be
 * wasteful. Values past the last bucket land in it (and are reported as at least that much).
 */
export class MillisecondHistogram {
  private readonly counts: Uint32Array;
  total = 0;
  max = 0;

  constructor(maxMs = 120_000) {
    this.counts = new Uint32Array(maxMs + 1);
  }

  add(ms: number): void {
    const bucket = Math.min(this.counts.length - 1, Math.max(0, Math.round(ms)));
    this.counts[bucket] += 1;
    this.total += 1;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket += 1) {
      seen += this.counts[bucket];
      if (seen >= rank) return bucket;
    }
    return this.counts.length - 1;
  }
}

export const round = (value: number, digits = 1) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const nowMs = () => performance.now();
