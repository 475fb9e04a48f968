import { describe, expect, it } from 'vitest';
import { filterFromParams, paramsOfFilter } from './run-list-url';

describe('runs list filters in the URL', () => {
  it('round-trips every filter', () => {
    const filter = { status: 'failed' as const, engine: 'openai', since: 'day' as const, search: 'weather' };
    expect(filterFromParams(paramsOfFilter(filter))).toEqual(filter);
    expect(paramsOfFilter(filter).toString()).toBe('q=weather&status=failed&engine=openai&since=day');
  });

  it('ignores unknown values and blank searches', () => {
    expect(filterFromParams(new URLSearchParams('status=exploded&engine=x&since=year&q=%20%20'))).toEqual({
      status: undefined,
      engine: undefined,
      since: undefined,
      search: undefined,
    });
  });
});
