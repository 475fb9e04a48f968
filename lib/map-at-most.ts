// A few at a time: `act` on each item with at most `limit` of them under way, the next starting as one ends.

/** `act` on every item, at most `limit` at once; the results keep the order of `items`. */
export async function mapAtMost<Item, Result>(
  items: readonly Item[],
  limit: number,
  act: (item: Item) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await act(items[index]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
