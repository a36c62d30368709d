import { randomBytes } from 'node:crypto';

/**
 * Random codes people read off paper or a phone and type back (certificate
 * verification, redemptions): Crockford's base32, which has no I, L, O or U, so
 * a code read aloud is not mistaken.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` characters of 5 random bits each: 256 is a multiple of 32, so `& 31` is unbiased. */
export function newReadableCode(length: number): string {
  return Array.from(randomBytes(length), (b) => ALPHABET[b & 31]).join('');
}

/** `ABCDEFGHJKMN` → `ABCD-EFGH-JKMN`, as printed. */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** A code as typed or scanned (any case, dashes, spaces; I/L for 1 and O for 0 as Crockford reads them), or null when it is not `length` characters of the alphabet. */
export function readCode(text: string, length: number): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return code.length === length && /^[0-9A-HJKMNP-TV-Z]+$/.test(code) ? code : null;
}
