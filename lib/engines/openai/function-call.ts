// Answers one tool call as every engine answers a function (../function-results), after parsing the
// arguments the model wrote; a call of a function the request does not have is answered with an error.
import type { DispatchFunction } from '../../dispatch/schema';
import { functionResult, recordFunctionCall } from '../function-results';
import type { EngineContext } from '../types';
import type { GatheredToolCall } from './stream';

function parseArguments(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { raw: text };
  }
}

export async function answerToolCall(
  call: GatheredToolCall,
  functions: DispatchFunction[],
  ctx: EngineContext,
): Promise<unknown> {
  const fn = functions.find((candidate) => candidate.name === call.name);
  const args = parseArguments(call.arguments);
  const result = fn ? await functionResult(fn, args, ctx) : { error: `Unknown function ${call.name}` };
  await recordFunctionCall({ name: call.name, arguments: args, result }, ctx);
  return result;
}
