/**
 * Checks of the official numbers a volunteer or an organisation gives: the
 * 18-character resident identity card number (GB 11643-1999) and the unified
 * social credit code (GB 32100-2015). Both end in a check character.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-cased, spaces removed; what is stored. */
export function normaliseIdCard(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

export function isValidIdCard(value: string, today = new Date()): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > today) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === value[17];
}

/** `3502**********1234`: enough to recognise one's own card, not enough to use it. */
export function maskIdCard(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(Math.max(0, value.length - 8))}${value.slice(-4)}`;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normaliseCreditCode(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

/** The check character the first 17 characters of a credit code call for. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(value: string): boolean {
  if (!/^[1-9A-HJ-NP-RTUWXY][1-9A-HJ-NP-RTUWXY]\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/.test(value)) return false;
  return creditCodeCheck(value.slice(0, 17)) === value[17];
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A mainland mobile number as typed (spaces, dashes, +86 allowed), or null. */
export function normaliseMobile(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+86/, '');
  return MOBILE.test(digits) ? digits : null;
}

/** A mobile number, or a landline with its area code (0592-1234567). */
export function normalisePhone(raw: string): string | null {
  const mobile = normaliseMobile(raw);
  if (mobile) return mobile;
  const value = raw.replace(/\s/g, '');
  return LANDLINE.test(value) ? value : null;
}
