// The request's `model` string, read and written in one place: an optional engine prefix, the model
// name and `key=value` settings, e.g. `openai/gpt-4o/temperature=0.2` or `gpt-4o`. The engines pick
// and configure themselves with `parseModelString`; the builder shows the parts as fields and puts
// them back together with `formatModelString`.

export const ENGINE_NAMES = ['local', 'openai', 'chatbotkit'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface ModelString {
  engine?: EngineName;
  /** The model name, e.g. `gpt-4o`; may itself contain `/` (e.g. `meta/llama-3`). */
  name: string;
  /** `key=value` settings in the order they were written. */
  settings: Record<string, string>;
}

export function parseModelString(model: string | undefined): ModelString {
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
  return { ...(engine && { engine }), name: nameParts.join('/'), settings };
}

/**
 * Which engine answers a request, as the server chooses: a bot's runs go to ChatBotKit, otherwise the
 * engine its model names, else the server's default engine.
 */
export function engineNameFor(request: { model?: string; botId?: string }, defaultEngine: EngineName): EngineName {
  return request.botId ? 'chatbotkit' : (parseModelString(request.model).engine ?? defaultEngine);
}

/** The string for these parts; undefined when there is nothing to say (the default engine). */
export function formatModelString({ engine, name, settings }: ModelString): string | undefined {
  const settingParts = Object.entries(settings)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${value}`);
  const parts = [engine, name, ...settingParts].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return undefined;
  // Settings alone would read as a model name's segments to nobody; they need an engine or a name first.
  if (!engine && !name) parts.unshift('local');
  return parts.join('/');
}

export interface ModelSettingProblem {
  setting: 'temperature' | 'maxTokens';
  message: string;
}

/** How the settings are named on screen (the builder's fields), in messages about a typed model string. */
export const MODEL_SETTING_NAMES: Record<ModelSettingProblem['setting'], string> = {
  temperature: 'Temperature',
  maxTokens: 'Max tokens',
};

const decimal = (text: string) => (/^\s*\d*\.?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * What is wrong with a model string's settings. An engine ignores a value it cannot read, so the builder
 * and experiments say so before a run starts instead of letting it run without the setting.
 */
export function modelSettingProblems(settings: Partial<Record<string, string>>): ModelSettingProblem[] {
  const problems: ModelSettingProblem[] = [];
  const { temperature = '', maxTokens = '' } = settings;
  if (temperature.trim() !== '' && !(decimal(temperature) <= 2))
    problems.push({ setting: 'temperature', message: 'Use a number from 0 to 2, such as 0.7' });
  if (maxTokens.trim() !== '' && !(Number.isInteger(decimal(maxTokens)) && decimal(maxTokens) >= 1))
    problems.push({ setting: 'maxTokens', message: 'Use a whole number of tokens, such as 500' });
  return problems;
}
