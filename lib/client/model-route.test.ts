import { describe, expect, it } from 'vitest';
import type { EngineAvailability } from '../engines';
import {
  answeredByLine,
  emptyModelMeans,
  enginesNotSetUp,
  everyVariantOnDemoEngine,
  modelFieldHint,
  unnamedEngineNote,
  variantModelLine,
} from './model-route';

const engines = (defaultEngine: string, setUp = ['local', 'openai', 'chatbotkit']): EngineAvailability[] =>
  (['local', 'openai', 'chatbotkit'] as const).map((name) => ({
    name,
    configured: setUp.includes(name),
    isDefault: name === defaultEngine,
    defaultModel: 'm',
    ...(!setUp.includes(name) && { requires: `${name.toUpperCase()}_KEY` }),
  }));

describe('which engine answers a model name', () => {
  it('says a bare model name is answered by the local engine when that is the default', () => {
    expect(unnamedEngineNote('gpt-4o-mini', engines('local'))).toBe(
      'No engine is named, so the built-in local engine answers with demo replies, whatever the model\'s name. For OpenAI, write openai/gpt-4o-mini.',
    );
  });

  it('suggests OpenAI only when this server has it set up', () => {
    expect(unnamedEngineNote('gpt-4o-mini', engines('local', ['local']))).toBe(
      'No engine is named, so the built-in local engine answers with demo replies, whatever the model\'s name. No other engine is set up on this server yet.',
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

describe('the hint under a model field', () => {
  it('gives examples of the engines set up here, and nothing this server cannot answer', () => {
    expect(modelFieldHint('', engines('local', ['local']), 'Empty means the default engine.')).toBe(
      'For example: local. Empty means the default engine.',
    );
    expect(modelFieldHint('local', engines('local', ['local', 'openai']), 'Empty keeps it.')).toBe(
      'For example: local, openai/m. Empty keeps it.',
    );
  });

  it('says where a bare name goes before any example', () => {
    expect(modelFieldHint('gpt-4o', engines('local', ['local']), 'Empty keeps it.')).toMatch(/^No engine is named/);
  });

  it('says only what empty means while the engines are unknown', () => {
    expect(modelFieldHint(undefined, undefined, 'Empty keeps it.')).toBe('Empty keeps it.');
  });

  it('keeps the settings that turn an engine on apart from the plain names', () => {
    expect(enginesNotSetUp(engines('local', ['local']))).toEqual({
      names: ['openai', 'chatbotkit'],
      settings: ['openai: OPENAI_KEY', 'chatbotkit: CHATBOTKIT_KEY'],
    });
  });
});

describe('what an empty variant model means', () => {
  it("keeps the conversation's model or bot, and else names the default engine", () => {
    expect(emptyModelMeans({ model: 'openai/gpt-4o' }, engines('local'))).toBe("Empty keeps the conversation's model (openai/gpt-4o).");
    expect(emptyModelMeans({ botId: 'bot_1' }, engines('local'))).toBe("Empty keeps the conversation's bot.");
    expect(emptyModelMeans({}, engines('openai'))).toBe('Empty means the default engine (openai).');
    expect(emptyModelMeans(undefined, undefined)).toBe('Empty means the default engine.');
  });
});

describe("a compared variant's model line", () => {
  it("names the variant's own model, else the conversation's model or bot, else the default engine", () => {
    expect(variantModelLine('openai/gpt-4o-mini', { model: 'local' })).toBe('Model openai/gpt-4o-mini');
    expect(variantModelLine(undefined, { model: 'local' })).toBe("The conversation's model (local)");
    expect(variantModelLine('', { botId: 'bot_1' })).toBe("The conversation's bot");
    // A question typed on the experiments page has no model of its own.
    expect(variantModelLine(undefined, {})).toBe('The default engine');
  });
});

describe('who answered a run', () => {
  it('names the built-in demo engine for a local run, whatever model was asked for', () => {
    expect(answeredByLine('local', { engine: 'local', model: 'local' })).toBe('answered by the built-in demo engine');
    expect(answeredByLine('gpt-4o', { engine: 'local', model: 'local' })).toBe('answered by the built-in demo engine');
  });

  it('names any other engine with its model when it is not what was asked, or nothing was', () => {
    expect(answeredByLine(undefined, { engine: 'openai', model: 'gpt-4o' })).toBe('answered by openai / gpt-4o');
    expect(answeredByLine('gpt-4o', { engine: 'openai', model: 'gpt-4o-mini' })).toBe('answered by openai / gpt-4o-mini');
  });

  it('says nothing more when the model asked for answered', () => {
    expect(answeredByLine('gpt-4o', { engine: 'openai', model: 'gpt-4o' })).toBeUndefined();
    expect(answeredByLine('openai/fake-model', { engine: 'openai', model: 'fake-model' })).toBeUndefined();
  });
});

describe('whether only the built-in demo engine would answer an experiment', () => {
  const question = { messages: [{ type: 'user' as const, text: 'Hi' }] };
  const variant = (model?: string) => ({ label: 'V', ...(model && { model }) });

  it('is so when every variant goes to the local engine: empty, named local, or a bare model name on a local default', () => {
    expect(everyVariantOnDemoEngine(question, [variant(), variant('local'), variant('gpt-4o')], engines('local'))).toBe(true);
  });

  it('is not so once one variant names another engine, or the default engine is a real model', () => {
    expect(everyVariantOnDemoEngine(question, [variant(), variant('openai/gpt-4o')], engines('local'))).toBe(false);
    expect(everyVariantOnDemoEngine(question, [variant(), variant()], engines('openai'))).toBe(false);
  });

  it("follows the conversation: its model when a variant names none, and its bot (ChatBotKit) unless a variant's model replaces it", () => {
    expect(everyVariantOnDemoEngine({ ...question, model: 'openai/gpt-4o' }, [variant()], engines('local'))).toBe(false);
    expect(everyVariantOnDemoEngine({ ...question, botId: 'bot_1' }, [variant()], engines('local'))).toBe(false);
    expect(everyVariantOnDemoEngine({ ...question, botId: 'bot_1' }, [variant('local')], engines('local'))).toBe(true);
  });

  it('says nothing while the engines are not known', () => {
    expect(everyVariantOnDemoEngine(question, [variant()], undefined)).toBe(false);
  });
});
