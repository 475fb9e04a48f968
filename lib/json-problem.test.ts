import { describe, expect, it } from 'vitest';
import { bodyNotValidJson, notValidJson } from './json-problem';

const problemWith = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return notValidJson(text, error);
  }
  throw new Error(`${text} is valid JSON`);
};

describe('JSON a person typed that does not parse', () => {
  it('says where, as a line and column, instead of the parser’s position', () => {
    expect(problemWith('{bad')).toBe('This is not valid JSON (near line 1, column 2)');
    expect(problemWith('{\n  "a": 1\n  "b": 2\n}')).toBe('This is not valid JSON (near line 3, column 3)');
  });

  it('says what is missing when the text stops early, and never repeats the text back', () => {
    expect(problemWith('{"a": ')).toBe(
      'This is not valid JSON (it stops too early: a closing quote, } or ] may be missing)',
    );
  });

  it('says where even when the parser gives no place (a word that is not JSON, a stray comma)', () => {
    expect(problemWith('this is not json {')).toBe('This is not valid JSON (near line 1, column 2)');
    expect(problemWith('not json at all')).toBe('This is not valid JSON (near line 1, column 2)');
    expect(problemWith('{\n  "a": [1,]\n}')).toBe('This is not valid JSON (near line 2, column 11)');
    expect(problemWith('{"a": x}')).toBe('This is not valid JSON (near line 1, column 7)');
  });
});

describe('bodyNotValidJson', () => {
  const bodyProblem = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return bodyNotValidJson(text, error);
    }
    return undefined;
  };

  it('says where, from the parser’s own position, on the line and column a person counts', () => {
    expect(bodyProblem('{"a":1,}')).toBe('The body is not valid JSON (near line 1, column 8)');
    expect(bodyProblem('{\n  "a": 1\n  "b": 2\n}')).toBe('The body is not valid JSON (near line 3, column 3)');
  });

  it('says what is missing when the body stops early', () => {
    for (const text of ['{"messages":[{"type":"user","text":"hi"}', '{"a": "unfinished', '{"a":1'])
      expect(bodyProblem(text)).toBe(
        'The body is not valid JSON (it stops too early: a closing quote, } or ] may be missing)',
      );
  });

  it('says only that it is not JSON when the parser names no place', () => {
    expect(bodyProblem('\n\n  {"a": tru}')).toMatch(/^The body is not valid JSON/);
  });
});
