// The system prompt a remote model gets: the backstory, the skillset abilities and the dataset records
// that best match the user's message (ranked by the same full-text index the local engine uses).
import type { DispatchRequest } from '../dispatch/schema';
import { retrieveRecordsOffLoop, type RetrievedRecord } from './retrieval/retrieval';

export interface SystemPrompt {
  text: string | undefined;
  records: RetrievedRecord[];
}

export function latestUserText(request: DispatchRequest): string | undefined {
  return request.messages.findLast((message) => message.type === 'user')?.text;
}

export async function buildSystemPrompt(request: DispatchRequest): Promise<SystemPrompt> {
  const parts: string[] = [];
  const backstory = request.extensions?.backstory ?? request.backstory;
  if (backstory) parts.push(backstory);
  const abilities = (request.extensions?.skillsets ?? []).flatMap((skillset) => skillset.abilities);
  if (abilities.length > 0) {
    parts.push(
      [
        'You have these abilities:',
        ...abilities.map(
          (ability) => `- ${ability.name}: ${ability.description}\n  Instruction: ${ability.instruction}`,
        ),
      ].join('\n'),
    );
  }
  const userText = latestUserText(request);
  const records = userText ? await retrieveRecordsOffLoop(request.extensions?.datasets ?? [], userText) : [];
  if (records.length > 0) {
    parts.push(
      [
        'Use these records from the knowledge base when they help:',
        ...records.map((record) => `- [${record.dataset}] ${record.text}`),
      ].join('\n'),
    );
  }
  return { text: parts.length > 0 ? parts.join('\n\n') : undefined, records };
}
