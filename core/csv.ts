import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** What spreadsheet programs read as the start of a formula (OWASP's list: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, such as a negative amount: a spreadsheet reads it as that number and nothing else. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell as text a spreadsheet shows and never runs: text that would start a
 * formula gets a leading single quote (OWASP's advice for CSV injection).
 * Numbers, and text that is exactly a plain decimal number, stay numbers.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The one CSV writer of every export, in the core and in plugins: csv-stringify
 * quoting, every cell through `csvCell`. `bom` makes spreadsheet programs read
 * the Chinese text as UTF-8; `windows` ends records with CRLF.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean; windows?: boolean } = {}): string {
  if (rows.length === 0) return options.bom ? '\uFEFF' : '';
  // A line break inside a cell is always quoted: with CRLF records csv-stringify would leave a lone LF bare.
  const text = stringify(rows.map((row) => row.map(csvCell)), { record_delimiter: options.windows ? 'windows' : 'unix', quoted_match: /[\r\n]/ });
  return (options.bom ? '\uFEFF' : '') + text;
}
