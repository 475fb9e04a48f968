import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_NAMES, formatModelString, modelSettingProblems, parseModelString } from './model-string';

describe('model strings', () => {
  it('reads an engine prefix, a name (which may hold "/") and settings', () => {
    expect(parseModelString('openai/meta/llama-3/temperature=0.2/maxTokens=400')).toEqual({
      engine: 'openai',
      name: 'meta/llama-3',
      settings: { temperature: '0.2', maxTokens: '400' },
    });
    expect(parseModelString('gpt-4o')).toEqual({ name: 'gpt-4o', settings: {} });
    expect(parseModelString(undefined)).toEqual({ name: '', settings: {} });
  });

  it('writes settings without a name after the local engine, and nothing for nothing', () => {
    expect(formatModelString({ name: '', settings: { temperature: '0.2' } })).toBe('local/temperature=0.2');
    expect(formatModelString({ name: '', settings: { temperature: '' } })).toBeUndefined();
  });

  it('reads back what it writes', () => {
    const part = fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...ENGINE_NAMES), { nil: undefined }),
        fc.array(part, { minLength: 1, maxLength: 2 }).map((parts) => parts.join('/')),
        fc.dictionary(
          fc.constantFrom('temperature', 'maxTokens', 'topP'),
          fc.stringMatching(/^[0-9.]{1,4}$/),
        ),
        (engine, name, settings) => {
          fc.pre(!(ENGINE_NAMES as readonly string[]).includes(name.split('/')[0]));
          const written = formatModelString({ engine, name, settings });
          expect(parseModelString(written)).toEqual({ ...(engine && { engine }), name, settings });
        },
      ),
    );
  });
});

describe('model settings a run would ignore', () => {
  it('names a temperature out of range and a token count that is not a whole number', () => {
    expect(modelSettingProblems(parseModelString('local/temperature=5/maxTokens=1.5').settings)).toEqual([
      { setting: 'temperature', message: 'Use a number from 0 to 2, such as 0.7' },
      { setting: 'maxTokens', message: 'Use a whole number of tokens, such as 500' },
    ]);
    expect(modelSettingProblems(parseModelString('openai/gpt-4o/temperature=0.2/maxTokens=500').settings)).toEqual([]);
    expect(modelSettingProblems({})).toEqual([]);
  });
});
