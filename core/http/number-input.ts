const DECIMAL = /^[+-]?\d{1,15}(?:\.\d{1,15})?$/;

/**
 * A number as a form or a link writes it: decimal digits with an optional sign
 * and fraction. Anything else (`1e20`, `0x10`, `Infinity`, `NaN`, full-width
 * digits, more than 15 digits) and anything outside min..max is null, so no
 * caller hands the database a number it cannot hold.
 */
export function numberInput(text: string | undefined, bounds: { min: number; max: number; integer?: boolean }): number | null {
  const trimmed = (text ?? '').trim();
  if (!DECIMAL.test(trimmed)) return null;
  const n = Number(trimmed);
  if (bounds.integer && !Number.isInteger(n)) return null;
  return n >= bounds.min && n <= bounds.max ? n : null;
}
