// Calls one function the way ChatBotKit does for a dispatch: the configured result.data is the answer,
// result.channel waits for a message published on that channel, and an activity message records the call.
import { setImmediate } from 'node:timers/promises';
import type { DispatchFunction } from '../../dispatch/schema';
import type { EngineContext } from '../types';
import { deriveArguments } from './function-arguments';

export interface FunctionCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
}

export const NO_RESULT_CONFIGURED = { status: 'no result configured' } as const;

async function resolveResult(fn: DispatchFunction, ctx: EngineContext): Promise<unknown> {
  if (!fn.result) return NO_RESULT_CONFIGURED;
  if ('channel' in fn.result) return ctx.waitForChannelMessage(fn.result.channel);
  return fn.result.data;
}

export async function callFunction(
  fn: DispatchFunction,
  message: string,
  ctx: EngineContext,
): Promise<FunctionCallRecord> {
  // A run may call up to 100 functions over a 100 KB message: give other requests a turn between calls.
  await setImmediate();
  ctx.signal.throwIfAborted();
  const call: FunctionCallRecord = {
    name: fn.name,
    arguments: deriveArguments(fn, message),
    result: await resolveResult(fn, ctx),
  };
  ctx.signal.throwIfAborted();
  await ctx.emit({
    type: 'message',
    data: { type: 'activity', text: `Called ${fn.name}`, meta: { function: { ...call } } },
  });
  return call;
}
