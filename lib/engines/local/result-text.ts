// A function's result as the reply tells it: a sentence for a single value, a small Markdown table
// for a flat object, and a short JSON quote only for what has no simpler shape.
import { humanLabel } from '../../human-label';
import { isNoResultConfigured } from '../function-results';
import { describeValue, truncate } from './text';

const MAX_TABLE_ROWS = 12;
const CELL_LENGTH = 120;

type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

function cell(value: Scalar): string {
  const text = value === null ? '—' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  // Pipes would end the cell and a leading backslash could escape it; newlines would end the row.
  return truncate(text, CELL_LENGTH).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/**
 * The reply speaks of the function in words ("Get order status answered: …"), as a model would: it is read
 * by the audience of a presented run, who never saw the function's name as written.
 */
export function describeFunctionResult(functionName: string, result: unknown, quoteLength: number): string {
  const name = humanLabel(functionName);
  if (isNoResultConfigured(functionName, result))
    return `${name} has no result set up, so it had nothing to tell.`;
  if (typeof result === 'string') return `${name} answered: “${truncate(result, quoteLength)}”`;
  if (isScalar(result)) return `${name} answered: ${cell(result)}.`;
  if (typeof result === 'object' && !Array.isArray(result)) {
    const entries = Object.entries(result as Record<string, unknown>);
    if (entries.length === 0) return `${name} answered with nothing to report.`;
    if (entries.length <= MAX_TABLE_ROWS && entries.every(([, value]) => isScalar(value))) {
      const rows = entries.map(([key, value]) => `| ${cell(humanLabel(key))} | ${cell(value as Scalar)} |`);
      return [`${name} answered:`, '', '| Field | Value |', '| --- | --- |', ...rows].join('\n');
    }
  }
  return `${name} answered: \`${describeValue(result, quoteLength).replace(/`/g, "'")}\``;
}
