// Which engine answers a model string, said where it may surprise: a model name with no engine in front
// goes to the server's default engine, and when that is the built-in local engine the name changes nothing.
import { parseModelString } from '../dispatch/model-string';
import type { EngineAvailability } from '../engines';

export function unnamedEngineNote(model: string | undefined, engines: EngineAvailability[] | undefined): string | undefined {
  const { engine, name } = parseModelString(model);
  if (engine || !name || !engines?.find((candidate) => candidate.isDefault && candidate.name === 'local')) return undefined;
  return `No engine is named, so the built-in local engine answers with demo replies, whatever the model's name. For OpenAI, write openai/${name}.`;
}
