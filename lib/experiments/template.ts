// `{{column}}` placeholders: which columns a template uses, and the text for one input row. Linear in
// the template's length (one regex pass, no nesting), so a large upload cannot stall the server.
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** The columns a template names that the upload does not have. */
export function unknownPlaceholders(template: string, columns: readonly string[]): string[] {
  return placeholdersOf(template).filter((name) => !columns.includes(name));
}

export function renderTemplate(template: string, row: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => row[name] ?? '');
}
