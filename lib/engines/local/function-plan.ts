// Decides which functions a run calls and when: call.start ones before the reply, the one best matching
// the user's message next, call.end ones after the reply, all within limits.calls.
import { REQUEST_DEFAULTS } from '../../config';
import type { DispatchFunction } from '../../dispatch/schema';
import { bestMatch, type WeightedField } from '../text/keywords';
import { scannedMessage } from './message-scan';

export interface FunctionCallPlan {
  beforeReply: DispatchFunction[];
  afterReply: DispatchFunction[];
  /** Planned calls left out because limits.calls was reached, in the order they would have run. */
  skipped: DispatchFunction[];
  limit: number;
}

function functionFields(fn: DispatchFunction): WeightedField[] {
  return [
    { text: fn.name, weight: 2 },
    { text: fn.description, weight: 1 },
    { text: Object.keys(fn.parameters.properties).join(' '), weight: 1 },
  ];
}

/** The function (not already scheduled by call.start/call.end) that best matches `message`. */
export function matchFunction(
  functions: readonly DispatchFunction[],
  message: string,
): DispatchFunction | undefined {
  const candidates = functions.filter((fn) => !fn.call?.start && !fn.call?.end);
  return bestMatch(candidates, scannedMessage(message).contentKeywords, functionFields)?.item;
}

export function planFunctionCalls(
  functions: readonly DispatchFunction[],
  message: string,
  limit: number = REQUEST_DEFAULTS.limits.calls,
): FunctionCallPlan {
  const matched = message ? matchFunction(functions, message) : undefined;
  const wanted = [
    ...functions.filter((fn) => fn.call?.start).map((fn) => ({ fn, afterReply: false })),
    ...(matched ? [{ fn: matched, afterReply: false }] : []),
    ...functions.filter((fn) => fn.call?.end).map((fn) => ({ fn, afterReply: true })),
  ];
  const allowed = wanted.slice(0, limit);
  return {
    beforeReply: allowed.filter((call) => !call.afterReply).map((call) => call.fn),
    afterReply: allowed.filter((call) => call.afterReply).map((call) => call.fn),
    skipped: wanted.slice(limit).map((call) => call.fn),
    limit,
  };
}
