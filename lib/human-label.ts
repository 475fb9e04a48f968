// Field names as people say them, shared by the local engine's replies and the live view.

/** "orderId" → "Order id", "ship_date" → "Ship date". */
export function humanLabel(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/**
 * A function's name where its audience is not its author (presentation mode, share links): "approveRefund"
 * reads "Approve refund". Its own page keeps the name as written, the one the builder and the API use.
 */
export const functionNameFor = (name: string, audience: boolean) => (audience ? humanLabel(name) : name);
