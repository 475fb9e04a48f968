import { describe, expect, it } from 'vitest';
import { likelyField, unknownFieldsMessage } from './plain-issues';

const DISPATCH_FIELDS = ['messages', 'attachments', 'contactId', 'functions', 'extensions', 'botId', 'model', 'limits'];

describe('likelyField', () => {
  it.each([
    ['functons', 'functions'], // a letter left out
    ['mesages', 'messages'],
    ['extentions', 'extensions'], // a letter replaced
    ['modle', 'model'], // two letters swapped
    ['contactid', 'contactId'], // letter case
    ['Limits', 'limits'],
  ])('%s → %s', (key, meant) => expect(likelyField(key, DISPATCH_FIELDS)).toBe(meant));

  it('suggests nothing for a field unlike any, or alike two', () => {
    expect(likelyField('colour', DISPATCH_FIELDS)).toBeUndefined();
    expect(likelyField('cat', ['car', 'cap'])).toBeUndefined();
    // Short names take one edit at most: "bot" is not "botId".
    expect(likelyField('bot', DISPATCH_FIELDS)).toBeUndefined();
  });
});

describe('unknownFieldsMessage', () => {
  it('names the field a single misspelt one likely meant, else asks to check the spelling', () => {
    expect(unknownFieldsMessage(['functons'], DISPATCH_FIELDS)).toBe(
      'There is no field called "functons" here; did you mean "functions"?',
    );
    expect(unknownFieldsMessage(['colour'], DISPATCH_FIELDS)).toBe('There is no field called "colour" here; check its spelling');
    expect(unknownFieldsMessage(['a', 'b'], DISPATCH_FIELDS)).toBe(
      'There are no fields called "a" or "b" here; check their spelling',
    );
  });
});
