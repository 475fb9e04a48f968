// The request's messages as Chat Completions messages. The role table (also in docs/engines.md):
// user → user, bot → assistant, instruction and backstory → system, context → user ("Context: …"),
// checkpoint → system ("Summary of the conversation so far: …"), activity → system ("Activity: …"),
// reasoning → left out (a model's private reasoning is not sent back).
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { DispatchMessage, DispatchRequest } from '../../dispatch/schema';

export function toChatMessage(message: DispatchMessage): ChatCompletionMessageParam | undefined {
  switch (message.type) {
    case 'user':
      return { role: 'user', content: message.text };
    case 'bot':
      return { role: 'assistant', content: message.text };
    case 'instruction':
    case 'backstory':
      return { role: 'system', content: message.text };
    case 'context':
      return { role: 'user', content: `Context: ${message.text}` };
    case 'checkpoint':
      return { role: 'system', content: `Summary of the conversation so far: ${message.text}` };
    case 'activity':
      return { role: 'system', content: `Activity: ${message.text}` };
    case 'reasoning':
      return undefined;
  }
}

export function toChatMessages(request: DispatchRequest, systemPrompt: string | undefined): ChatCompletionMessageParam[] {
  const messages = request.messages.map(toChatMessage).filter((message) => message !== undefined);
  return systemPrompt ? [{ role: 'system', content: systemPrompt }, ...messages] : messages;
}

export function toTools(request: DispatchRequest): ChatCompletionTool[] {
  return (request.functions ?? []).map((fn) => ({
    type: 'function',
    function: { name: fn.name, description: fn.description, parameters: fn.parameters as Record<string, unknown> },
  }));
}
