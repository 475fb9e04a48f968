// The shape every figure reports: one JSON line (the measured values) and one table row.
export interface FigureResult {
  figure: string;
  backend: string;
  /** Measured values, printed in the JSON line. */
  values: Record<string, number | string | boolean | null>;
  /** The target in words, e.g. "≥ 0.5× raw". */
  target: string;
  /** Whether the target was met; null when there is no target or nothing was measured. */
  met: boolean | null;
  /** The table's result and anchor cells. */
  result: string;
  anchor: string;
}

export function skippedRow(figure: string, backend: string, target: string, reason: string): FigureResult {
  return {
    figure,
    backend,
    values: { skipped: reason },
    target,
    met: null,
    result: `skipped: ${reason}`,
    anchor: '',
  };
}

export const toJsonLine = (row: FigureResult) =>
  JSON.stringify({
    figure: row.figure,
    backend: row.backend,
    ...row.values,
    target: row.target,
    met: row.met,
  });

export const formatNumber = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
