// A CSV file's problems in its reader's words. papaparse notes each bad row on its own, in its terms
// ("Too many fields: expected 3 fields but parsed 4"); a file with values holding unquoted commas has
// one on nearly every row, so they are said once per kind, with the lines, and with how to fix them.
// A file of one column has no delimiter to find: papaparse says it "defaulted to ','", which is right for
// that file and not a problem for its reader.
import type { ParseError } from 'papaparse';

/** Lines named in full before "and N more". */
const LINES_NAMED = 5;

const csvProblems = (errors: readonly ParseError[]): ParseError[] =>
  errors.filter((error) => error.code !== 'UndetectableDelimiter');

/** What each kind of problem is, for one row or several, and how to fix it. */
const KINDS: Record<string, { one: string; many: (count: number) => string; fix: string }> = {
  TooManyFields: {
    one: 'A row has more values than the header row has columns',
    many: (count) => `${count} rows have more values than the header row has columns`,
    fix: 'A value with a comma in it must be in double quotes, for example "waiting for stock, 2 days".',
  },
  TooFewFields: {
    one: 'A row has fewer values than the header row has columns',
    many: (count) => `${count} rows have fewer values than the header row has columns`,
    fix: 'Give every row a value for each column; an empty one is two commas in a row.',
  },
  MissingQuotes: {
    one: 'A value opens a double quote that is never closed',
    many: (count) => `${count} values open a double quote that is never closed`,
    fix: 'Close each quoted value with a double quote.',
  },
  InvalidQuotes: {
    one: 'A value has a double quote in the wrong place',
    many: (count) => `${count} values have a double quote in the wrong place`,
    fix: 'Inside a quoted value, write a double quote twice ("").',
  },
};

function linesNamed(lines: number[]): string {
  const named = lines.slice(0, LINES_NAMED).join(', ');
  const more = lines.length - LINES_NAMED;
  return lines.length === 1 ? `line ${named}` : more > 0 ? `lines ${named} and ${more} more` : `lines ${named}`;
}

/**
 * The file's problems, one sentence per kind: what is wrong, on which lines, and how to fix it.
 * `lineOf` gives a problem row's line in the file (after a header row, row 0 is line 2).
 */
export function plainCsvProblems(errors: readonly ParseError[], lineOf: (row: number) => number): string[] {
  const byKind = new Map<string, number[]>();
  for (const error of csvProblems(errors)) {
    const lines = byKind.get(error.code) ?? [];
    lines.push(lineOf(error.row ?? 0));
    byKind.set(error.code, lines);
  }
  return [...byKind].map(([code, lines]) => {
    const kind = KINDS[code];
    if (!kind) return `The file could not be read at ${linesNamed(lines)}.`;
    const what = lines.length === 1 ? kind.one : kind.many(lines.length);
    return `${what} (${linesNamed(lines)}). ${kind.fix}`;
  });
}
