import { describe, expect, it } from 'vitest';
import { readBuilderFile } from './builder-file';

const problemsOf = (text: string) => {
  const result = readBuilderFile(text);
  return 'problems' in result ? result.problems.map(({ label, message }) => `${label}: ${message}`) : [];
};

describe('importing a request file', () => {
  it('names a wrong kind of value in plain words, not in the validator’s', () => {
    const text = JSON.stringify({
      messages: [{ type: 'robot', text: 5 }],
      functions: 'nope',
      contactId: null,
    });
    expect(problemsOf(text)).toEqual([
      'Message 1 › Type: Pick one of: user, bot, reasoning, context, instruction, backstory, activity, checkpoint',
      'Message 1 › Text: Must be text, not a number',
      'Contact: Must be text or an object ({ … }), not empty (null)',
      'Functions: Must be a list, not text',
    ]);
  });

  it('names a field it does not know in plain words', () => {
    const text = JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], foo: 1, bar: 2 });
    expect(problemsOf(text)).toEqual([
      ': There are no fields called "foo" or "bar" here; check their spelling',
    ]);
    expect(problemsOf(JSON.stringify({ messages: [{ type: 'user', text: 'Hi' }], foo: 1 }))).toEqual([
      ': There is no field called "foo" here; check its spelling',
    ]);
  });

  it('says a missing field is required', () => {
    expect(problemsOf(JSON.stringify({ messages: [{ type: 'user' }] }))).toEqual([
      'Message 1 › Text: This is required',
    ]);
  });

  it('reads a file that is not JSON as one plain problem', () => {
    expect(problemsOf('not json at all')).toEqual([': This is not valid JSON (unexpected “o”)']);
  });
});
