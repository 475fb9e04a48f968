// The y scale of the overview charts: from 0 to a round number at or above the highest value, in about
// four round steps, so the top of a spike always has a label to read it against.

export interface RoundScale {
  top: number;
  step: number;
  /** The labelled values, 0 to top. */
  ticks: number[];
}

const ROUGH_STEPS = 4;

export function roundScale(highest: number): RoundScale {
  const rough = Math.max(highest, 1) / ROUGH_STEPS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Whole steps only: the charts count runs and tokens.
  const step = Math.max(1, [1, 2, 5, 10].map((multiple) => multiple * magnitude).find((candidate) => candidate >= rough) ?? rough);
  const top = Math.max(step, Math.ceil(highest / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
  return { top, step, ticks };
}
