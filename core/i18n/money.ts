import type { Locale } from './messages.ts';

/**
 * Money is kept in whole fen (1 yuan = 100 fen) everywhere. These two functions
 * are the only way between fen and what people read and type: no floats, so
 * 0.01 and 9,999,999.99 yuan stay exact.
 */

/** The largest amount a form accepts: 100 million yuan. */
export const MAX_FEN = 10_000_000_000;

const grouping = new Map<Locale, Intl.NumberFormat>();

/** `123456` → `¥1,234.56`. */
export function formatFen(fen: number, locale: Locale): string {
  let f = grouping.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    grouping.set(locale, f);
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${f.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What someone typed as yuan (`1234.5`, `1,234.50`, `¥ 0.01`) → fen, or null when
 * it is not a positive amount with at most two decimals and at most MAX_FEN.
 */
export function parseYuan(text: string): number | null {
  const cleaned = text.trim().replace(/^[¥￥]\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 && fen <= MAX_FEN ? fen : null;
}
