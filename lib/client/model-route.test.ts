import { describe, expect, it } from 'vitest';
import type { EngineAvailability } from '../engines';
import { unnamedEngineNote } from './model-route';

const engines = (defaultEngine: string): EngineAvailability[] =>
  (['local', 'openai', 'chatbotkit'] as const).map((name) => ({
    name,
    configured: true,
    isDefault: name === defaultEngine,
    defaultModel: 'm',
  }));

describe('which engine answers a model name', () => {
  it('says a bare model name is answered by the local engine when that is the default', () => {
    expect(unnamedEngineNote('gpt-4o-mini', engines('local'))).toBe(
      'No engine is named, so the built-in local engine answers with demo replies, whatever the model\'s name. For OpenAI, write openai/gpt-4o-mini.',
    );
  });

  it('says nothing when the engine is named, the field is empty, or the default engine is a real model', () => {
    expect(unnamedEngineNote('openai/gpt-4o-mini', engines('local'))).toBeUndefined();
    expect(unnamedEngineNote('local', engines('local'))).toBeUndefined();
    expect(unnamedEngineNote('', engines('local'))).toBeUndefined();
    expect(unnamedEngineNote('gpt-4o-mini', engines('openai'))).toBeUndefined();
    expect(unnamedEngineNote('gpt-4o-mini', undefined)).toBeUndefined();
  });
});
