// How every engine answers a function call from the request: with result.data, with the message
// published on result.channel, or, when neither is configured, with one answer that says so. Each call
// is recorded as an activity message with meta.function = {name, arguments, result}.
import type { DispatchFunction } from '../dispatch/schema';
import type { EngineContext } from './types';

export interface FunctionCallRecord {
  name: string;
  arguments: unknown;
  result: unknown;
}

/** The answer to a call of a function whose request gives it no result. */
export const noResultConfigured = (name: string) => ({ error: `Function ${name} has no result configured` });

/** Whether a call's result is that answer (a reply tells it in words rather than quoting an error). */
export const isNoResultConfigured = (name: string, result: unknown) =>
  typeof result === 'object' &&
  result !== null &&
  Object.keys(result).length === 1 &&
  (result as { error?: unknown }).error === noResultConfigured(name).error;

export async function functionResult(
  fn: DispatchFunction,
  args: unknown,
  ctx: EngineContext,
): Promise<unknown> {
  if (!fn.result) return noResultConfigured(fn.name);
  if ('channel' in fn.result)
    return ctx.waitForChannelMessage(fn.result.channel, { name: fn.name, arguments: args });
  return fn.result.data;
}

export function recordFunctionCall(call: FunctionCallRecord, ctx: EngineContext): void | Promise<void> {
  return ctx.emit({
    type: 'message',
    data: { type: 'activity', text: `Called ${call.name}`, meta: { function: { ...call } } },
  });
}
