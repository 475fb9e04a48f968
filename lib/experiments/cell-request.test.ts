import { describe, expect, it } from 'vitest';
import { cellOfAnyExperiment, cellRequest, firstAlikeVariants } from './cell-request';
import type { ExperimentSpec } from './schema';

const request = { messages: [{ type: 'user' as const, text: 'Hi' }], model: 'local' };

describe('firstAlikeVariants', () => {
  it('finds two variants that send the same request: an empty model is the request’s own', () => {
    expect(
      firstAlikeVariants(request, [
        { label: 'As in the builder', model: 'local' },
        { label: 'Variant 2', model: '' },
      ]),
    ).toEqual([0, 1]);
    expect(
      firstAlikeVariants(request, [{ label: 'A' }, { label: 'B', model: ' local ', backstory: '  ' }]),
    ).toEqual([0, 1]);
  });

  it('tells variants apart by model or by backstory', () => {
    expect(
      firstAlikeVariants(request, [{ label: 'A' }, { label: 'B', model: 'openai/gpt-4o-mini' }]),
    ).toBeUndefined();
    expect(
      firstAlikeVariants(request, [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }]),
    ).toBeUndefined();
    // A backstory the request already has is no change.
    const withBackstory = { ...request, extensions: { backstory: 'You are Bo.' } };
    expect(
      firstAlikeVariants(withBackstory, [{ label: 'A' }, { label: 'B', backstory: 'You are Bo.' }]),
    ).toEqual([0, 1]);
  });

  it('names the first pair among several', () => {
    expect(
      firstAlikeVariants(request, [
        { label: 'A' },
        { label: 'B', model: 'openai/x' },
        { label: 'C', model: 'openai/x' },
        { label: 'D' },
      ]),
    ).toEqual([1, 2]);
  });
});

describe('cellOfAnyExperiment', () => {
  it('reads the experiment and cell from a cell run’s channel id', () => {
    expect(cellOfAnyExperiment('exp_0123456789abcdef0123-4-1-0')).toEqual({
      experimentId: 'exp_0123456789abcdef0123',
      row: 4,
      variant: 1,
    });
  });

  it('leaves other channel ids alone', () => {
    expect(cellOfAnyExperiment('orders-42')).toBeUndefined();
    expect(cellOfAnyExperiment('exp_0123456789abcdef0123')).toBeUndefined();
    expect(cellOfAnyExperiment('exp_0123456789abcdef0123-a-1-0')).toBeUndefined();
  });
});

describe('cellRequest', () => {
  it('files a row’s record under the input it came from, not a bare "Row"', () => {
    const spec: ExperimentSpec = {
      request,
      variants: [{ label: 'A' }, { label: 'B', model: 'openai/gpt-4o' }],
      columns: ['order_id', 'status'],
      messageTemplate: 'Where is {{order_id}}?',
      recordTemplate: 'Order {{order_id}}: {{status}}',
      concurrency: 2,
      timezone: 'UTC',
    };
    const sent = cellRequest(
      spec,
      { order_id: 'INV-5500', status: 'shipped' },
      { row: 2, variant: 1 },
      'exp-2-1-0',
    );
    expect(sent.extensions?.datasets).toEqual([
      { name: 'Input 3 of the batch', records: [{ text: 'Order INV-5500: shipped' }] },
    ]);
    expect(sent.messages.at(-1)?.text).toBe('Where is INV-5500?');
    expect(sent.model).toBe('openai/gpt-4o');
  });
});
