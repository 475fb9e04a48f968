// Reads the request's `model` string: an optional engine prefix, the model name and `key=value` settings,
// e.g. `openai/gpt-4o/temperature=0.2` or `gpt-4o`.
import type { ModelSpec } from './types';

export const ENGINE_NAMES = ['local', 'openai', 'chatbotkit'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function parseModelString(model: string | undefined): ModelSpec & { engine?: EngineName } {
  const segments = (model ?? '').split('/').filter(Boolean);
  const engine = ENGINE_NAMES.find((name) => name === segments[0]);
  if (engine) segments.shift();
  const settings: Record<string, string> = {};
  const nameParts: string[] = [];
  for (const segment of segments) {
    const equals = segment.indexOf('=');
    if (equals > 0) settings[segment.slice(0, equals)] = segment.slice(equals + 1);
    else nameParts.push(segment);
  }
  return { engine, name: nameParts.join('/'), settings };
}
