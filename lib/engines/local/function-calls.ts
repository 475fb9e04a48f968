// Calls one function the way ChatBotKit does for a dispatch, with arguments derived from the message:
// the answer and the activity message recording the call are those of every engine (../function-results).
import { setImmediate } from 'node:timers/promises';
import type { DispatchFunction } from '../../dispatch/schema';
import { functionResult, recordFunctionCall, type FunctionCallRecord } from '../function-results';
import type { EngineContext } from '../types';
import { deriveArguments } from './function-arguments';

export async function callFunction(
  fn: DispatchFunction,
  message: string,
  ctx: EngineContext,
): Promise<FunctionCallRecord> {
  // A run may call up to 100 functions over a 100 KB message: give other requests a turn between calls.
  await setImmediate();
  ctx.signal.throwIfAborted();
  const args = deriveArguments(fn, message);
  const call: FunctionCallRecord = {
    name: fn.name,
    arguments: args,
    result: await functionResult(fn, args, ctx),
  };
  ctx.signal.throwIfAborted();
  await recordFunctionCall(call, ctx);
  return call;
}
