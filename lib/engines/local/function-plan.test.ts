import { describe, expect, it } from 'vitest';
import type { DispatchFunction } from '../../dispatch/schema';
import { deriveArguments } from './function-arguments';
import { matchFunction, planFunctionCalls } from './function-plan';

const fn = (
  name: string,
  description: string,
  properties: Record<string, Record<string, unknown>> = {},
  call?: DispatchFunction['call'],
): DispatchFunction => ({
  name,
  description,
  parameters: { type: 'object', properties },
  ...(call && { call }),
});

const getWeather = fn('getWeather', 'Current weather conditions for a city', { city: { type: 'string' } });
const bookTable = fn('bookTable', 'Reserve a restaurant table', {
  guests: { type: 'integer' },
  time: { type: 'string' },
});
const convertCurrency = fn('convertCurrency', 'Convert money between currencies', {
  amount: { type: 'number' },
  from: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
});
const loadProfile = fn('loadProfile', 'Load the contact profile', {}, { start: true });
const saveTranscript = fn('saveTranscript', 'Store the conversation', {}, { end: true });

describe('matchFunction', () => {
  it('picks the function whose name, description or parameters share the most words with the message', () => {
    const functions = [getWeather, bookTable, convertCurrency];
    expect(matchFunction(functions, 'What is the weather like in Paris?')?.name).toBe('getWeather');
    expect(matchFunction(functions, 'Please reserve a table for 4 guests')?.name).toBe('bookTable');
    expect(matchFunction(functions, 'convert 20 EUR to dollars')?.name).toBe('convertCurrency');
  });

  it('matches nothing when no word is shared', () => {
    expect(matchFunction([getWeather, bookTable], 'tell me a joke')).toBeUndefined();
  });

  it('leaves call.start and call.end functions to their own moments', () => {
    expect(matchFunction([loadProfile, saveTranscript], 'load my profile and store it')).toBeUndefined();
  });
});

describe('planFunctionCalls', () => {
  const functions = [saveTranscript, getWeather, loadProfile, bookTable];

  it('calls call.start functions first, then the match, and call.end functions after the reply', () => {
    const plan = planFunctionCalls(functions, 'weather in Oslo');
    expect(plan.beforeReply.map((f) => f.name)).toEqual(['loadProfile', 'getWeather']);
    expect(plan.afterReply.map((f) => f.name)).toEqual(['saveTranscript']);
    expect(plan.skipped).toEqual([]);
  });

  it('stops at limits.calls and reports what it skipped', () => {
    const plan = planFunctionCalls(functions, 'weather in Oslo', 1);
    expect(plan.beforeReply.map((f) => f.name)).toEqual(['loadProfile']);
    expect(plan.afterReply).toEqual([]);
    expect(plan.skipped.map((f) => f.name)).toEqual(['getWeather', 'saveTranscript']);
  });

  it('still runs call.start and call.end functions when nothing matches', () => {
    const plan = planFunctionCalls(functions, '');
    expect(plan.beforeReply.map((f) => f.name)).toEqual(['loadProfile']);
    expect(plan.afterReply.map((f) => f.name)).toEqual(['saveTranscript']);
  });
});

describe('deriveArguments', () => {
  it('fills a string parameter with what the message is about', () => {
    expect(deriveArguments(getWeather, 'What is the weather like in Paris?')).toEqual({ city: 'Paris' });
    expect(deriveArguments(getWeather, 'weather for city: "New York" please')).toEqual({ city: 'New York' });
  });

  it('takes numbers for number and integer parameters, in order, and an enum value the message mentions', () => {
    expect(deriveArguments(convertCurrency, 'convert 20.5 usd to euros')).toEqual({
      amount: 20.5,
      from: 'USD',
    });
    expect(deriveArguments(bookTable, 'reserve a table, guests 3.7, time 19:30')).toEqual({
      guests: 3,
      time: '19:30',
    });
  });

  it('fills only parameters the schema declares, and leaves out ones it cannot derive', () => {
    const args = deriveArguments(convertCurrency, 'convert some money');
    expect(args).toEqual({});
    const flags = fn('setAlarm', 'Set an alarm', { loud: { type: 'boolean' }, tags: { type: 'array' } });
    expect(deriveArguments(flags, 'set an alarm, loud: yes')).toEqual({ loud: true });
  });
});
