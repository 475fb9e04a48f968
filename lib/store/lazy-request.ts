// A run record's request is parsed only when something reads it. A run dispatched with 16 datasets of
// 5,000 records stores ~3 MB of request JSON: parsing it takes tens of milliseconds of the event loop,
// and most reads of a run (status, owner, lists, the subscribe path's checks) never look at it.
import type { DispatchRequest } from '../dispatch/schema';

/** `requestJson`: the stored JSON, or how to read it when first needed (it never changes once stored). */
export function withLazyRequest<T extends object>(
  fields: T,
  requestJson: string | (() => string),
): T & { request: DispatchRequest } {
  let parsed: DispatchRequest | undefined;
  const read = typeof requestJson === 'string' ? () => requestJson : requestJson;
  return Object.defineProperty(fields, 'request', {
    enumerable: true,
    get: () => (parsed ??= JSON.parse(read()) as DispatchRequest),
  }) as T & { request: DispatchRequest };
}
