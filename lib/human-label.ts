// Field and function names as people say them, shared by the local engine's replies and the live view
// (its own page, presentation mode and share links all name a function this one way).

/** "orderId" → "Order id", "ship_date" → "Ship date". */
export function humanLabel(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}
