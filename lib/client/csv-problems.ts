// The papaparse notes that are problems with a CSV file. A file of one column has no delimiter to find:
// papaparse says it "defaulted to ','", which is right for that file and not a problem for its reader.
import type { ParseError } from 'papaparse';

export const csvProblems = (errors: readonly ParseError[]): ParseError[] =>
  errors.filter((error) => error.code !== 'UndetectableDelimiter');
