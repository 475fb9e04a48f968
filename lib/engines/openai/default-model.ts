// The openai engine's model when the request names none: OPENAI_MODEL, else the request default. Kept
// apart from engine.ts so the engine list can show it without loading the client library.
import { REQUEST_DEFAULTS, type AppConfig } from '../../config';

export const defaultOpenAiModel = (config: Pick<AppConfig, 'OPENAI_MODEL'>): string =>
  config.OPENAI_MODEL ?? REQUEST_DEFAULTS.model.openai;
