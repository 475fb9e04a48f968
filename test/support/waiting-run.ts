// A dispatch whose run holds its execution slot until something is published on `channel` (its only
// function answers through that channel), for tests about slots and queues.
export const waitingRun = (channel: string, text = 'Please lookupOrder for order 42') => ({
  messages: [{ type: 'user', text }],
  functions: [
    {
      name: 'lookupOrder',
      description: 'Look up an order by its number',
      parameters: { type: 'object', properties: { order: { type: 'integer', description: 'Order number' } } },
      result: { channel },
    },
  ],
});

/** Polls `read` until `accept` holds, or fails with the last value after `timeoutMs`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline)
      throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
