import { parse } from 'csv-parse/sync';
import { EXCHANGE_FIELDS, EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeKey } from './format.ts';

/** One row as read, every value text; `row` is its number as a person counts them (the first record is 1). */
export type RawRow = { row: number; values: Record<ExchangeKey, string> };
export type ParsedFile = { ok: true; rows: RawRow[] } | { ok: false; problem: FileProblem; detail?: string };
export type FileProblem = 'empty' | 'notCsvOrJson' | 'missingColumns' | 'wrongFormat' | 'tooManyRows';

/** Rows in one file at most: larger exports are split by period. */
export const MAX_IMPORT_ROWS = 50_000;

/** What the export made inert for spreadsheets (a leading quote before = + - @ tab CR) back to what was written. */
const unquote = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

function fromCsv(text: string): ParsedFile {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch {
    return { ok: false, problem: 'notCsvOrJson' };
  }
  const [headings, ...body] = records;
  if (!headings) return { ok: false, problem: 'empty' };
  const index = new Map(headings.map((h, i) => [h.trim(), i]));
  const missing = EXCHANGE_FIELDS.filter(([, heading]) => !index.has(heading)).map(([, heading]) => heading);
  if (missing.length > 0) return { ok: false, problem: 'missingColumns', detail: missing.join('、') };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: 'tooManyRows' };
  const rows = body.map((cells, i) => ({
    row: i + 1,
    values: Object.fromEntries(EXCHANGE_FIELDS.map(([key, heading]) => [key, unquote((cells[index.get(heading)!] ?? '').trim())])) as Record<ExchangeKey, string>,
  }));
  return rows.length > 0 ? { ok: true, rows } : { ok: false, problem: 'empty' };
}

function fromJson(text: string): ParsedFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'notCsvOrJson' };
  }
  const f = file as { format?: unknown; version?: unknown; records?: unknown };
  if (!f || f.format !== EXCHANGE_FORMAT || f.version !== EXCHANGE_VERSION || !Array.isArray(f.records)) return { ok: false, problem: 'wrongFormat' };
  if (f.records.length === 0) return { ok: false, problem: 'empty' };
  if (f.records.length > MAX_IMPORT_ROWS) return { ok: false, problem: 'tooManyRows' };
  const text_ = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  const rows = f.records.map((record: unknown, i: number) => {
    const r = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
    return { row: i + 1, values: Object.fromEntries(EXCHANGE_FIELDS.map(([key]) => [key, text_(r[key])])) as Record<ExchangeKey, string> };
  });
  return { ok: true, rows };
}

/** A file in the exchange format, CSV or JSON (told apart by its first character, whatever its name). */
export function parseExchangeFile(text: string): ParsedFile {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start) return { ok: false, problem: 'empty' };
  return start.startsWith('{') ? fromJson(start) : fromCsv(text);
}
