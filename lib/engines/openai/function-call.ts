// Answers one tool call the way the local engine does: with result.data, or by waiting for a message
// published on result.channel; then emits the activity message with name, arguments and result.
import type { DispatchFunction } from '../../dispatch/schema';
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
  let result: unknown;
  if (!fn) result = { error: `Unknown function ${call.name}` };
  else if (fn.result && 'channel' in fn.result)
    result = await ctx.waitForChannelMessage(fn.result.channel, { name: call.name, arguments: args });
  else if (fn.result && 'data' in fn.result) result = fn.result.data;
  else result = { error: `Function ${call.name} has no result configured` };
  await ctx.emit({
    type: 'message',
    data: {
      type: 'activity',
      text: `Called ${call.name}`,
      meta: { function: { name: call.name, arguments: args, result } },
    },
  });
  return result;
}
