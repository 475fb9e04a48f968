// Field and function names as people say them, shared by the local engine's replies and the live view
// (its own page, presentation mode and share links all name a function this one way).

/** Words people write in capitals, whatever case a field's name has them in ("eta" → "ETA"). */
const ABBREVIATIONS = new Set([
  'api', 'eta', 'faq', 'iban', 'id', 'ip', 'json', 'pdf', 'pin', 'sku', 'sms', 'uri', 'url', 'utc', 'vat',
]);

/** "orderId" → "Order ID", "ship_date" → "Ship date", "eta" → "ETA". */
export function humanLabel(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (ABBREVIATIONS.has(word) ? word.toUpperCase() : word));
  if (words.length === 0) return name;
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}
