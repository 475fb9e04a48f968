import { describe, expect, it } from 'vitest';
import { filterFromParams, pageCursorsFromParams, paramsOfFilter, paramsOfPage } from './run-list-url';

describe('runs list filters in the URL', () => {
  it('round-trips every filter', () => {
    const filter = {
      status: 'failed' as const,
      engine: 'openai',
      since: 'day' as const,
      source: 'other' as const,
      search: 'weather',
    };
    expect(filterFromParams(paramsOfFilter(filter))).toEqual(filter);
    expect(paramsOfFilter(filter).toString()).toBe('q=weather&status=failed&engine=openai&since=day&source=other');
  });

  it('ignores unknown values and blank searches', () => {
    expect(filterFromParams(new URLSearchParams('status=exploded&engine=x&since=year&source=api&q=%20%20'))).toEqual({
      status: undefined,
      engine: undefined,
      since: undefined,
      source: undefined,
      search: undefined,
    });
  });
});

describe('the runs list page in the URL', () => {
  it('round-trips the cursors of the pages shown so far, the first page having none', () => {
    const filter = { status: 'failed' as const };
    const params = paramsOfPage(filter, [undefined, 'MTcwMDpjaA', 'MTYwMDpjaA']);
    expect(params.toString()).toBe('status=failed&pages=MTcwMDpjaA.MTYwMDpjaA');
    expect(pageCursorsFromParams(params)).toEqual([undefined, 'MTcwMDpjaA', 'MTYwMDpjaA']);
    expect(paramsOfPage(filter, [undefined]).toString()).toBe('status=failed');
  });

  it('drops what is not a cursor', () => {
    expect(pageCursorsFromParams(new URLSearchParams('pages=ok_1..<script>.ok-2'))).toEqual([undefined, 'ok_1', 'ok-2']);
    expect(pageCursorsFromParams(new URLSearchParams(''))).toEqual([undefined]);
  });
});
