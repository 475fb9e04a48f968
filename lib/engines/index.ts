// Chooses the engine for a request: by the model prefix, a botId (ChatBotKit), or ENGINE.
import { REQUEST_DEFAULTS, type AppConfig } from '../config';
import type { DispatchRequest } from '../dispatch/schema';
import { ApiError } from '../errors';
import { localEngine } from './local';
import { defaultOpenAiModel } from './openai/default-model';
import { engineNameFor, parseModelString, type EngineName } from '../dispatch/model-string';
import type { Engine } from './types';

interface EngineEntry {
  engine: () => Promise<Engine>;
  /** The environment variable that must be set, or undefined when the engine needs none. */
  missingSetting: (config: AppConfig) => string | undefined;
  defaultModel: (config: AppConfig) => string;
}

const ENGINES: Record<EngineName, EngineEntry> = {
  local: {
    engine: async () => localEngine,
    missingSetting: () => undefined,
    defaultModel: () => REQUEST_DEFAULTS.model.local,
  },
  openai: {
    engine: async () => (await import('./openai/engine')).openaiEngine,
    missingSetting: (config) => (config.OPENAI_BASE_URL || config.OPENAI_API_KEY ? undefined : 'OPENAI_BASE_URL or OPENAI_API_KEY'),
    defaultModel: defaultOpenAiModel,
  },
  chatbotkit: {
    engine: async () => (await import('./chatbotkit')).chatbotkitEngine,
    missingSetting: (config) => (config.CHATBOTKIT_API_KEY ? undefined : 'CHATBOTKIT_API_KEY'),
    defaultModel: () => REQUEST_DEFAULTS.model.chatbotkit,
  },
};

export interface EngineChoice {
  engine: EngineName;
  /** The model as shown in run lists: "local" for the local engine. */
  model: string;
}

/** Picks the engine and model for a request; 400 with the variable to set when it is not configured. */
export function chooseEngine(request: DispatchRequest, config: AppConfig): EngineChoice {
  const spec = parseModelString(request.model);
  const engine = engineNameFor(request, config.ENGINE);
  const entry = ENGINES[engine];
  const missing = entry.missingSetting(config);
  if (missing) {
    throw new ApiError('INVALID_REQUEST', `The ${engine} engine is not configured: set ${missing} on the server.`, {
      issues: [
        {
          path: request.botId ? 'botId' : 'model',
          // The builder's own words for it (lib/client/builder-validation.ts): fields show people this.
          message: `The ${engine} engine is not set up on this server (it needs ${missing}); pick another model`,
        },
      ],
    });
  }
  const model = engine === 'local' ? 'local' : spec.name || (request.botId ? `bot:${request.botId}` : entry.defaultModel(config));
  return { engine, model };
}

export function loadEngine(name: EngineName): Promise<Engine> {
  return ENGINES[name].engine();
}

export interface EngineAvailability {
  name: EngineName;
  configured: boolean;
  isDefault: boolean;
  /** The variable to set when not configured. */
  requires?: string;
  defaultModel: string;
}

export function listEngines(config: AppConfig): EngineAvailability[] {
  return Object.entries(ENGINES).map(([name, entry]) => {
    const missing = entry.missingSetting(config);
    return {
      name: name as EngineName,
      configured: !missing,
      isDefault: config.ENGINE === name,
      ...(missing && { requires: missing }),
      defaultModel: entry.defaultModel(config),
    };
  });
}
