import { createHash, timingSafeEqual } from 'node:crypto';
import { newReadableCode, readCode } from '../../core/plugin-api.ts';

/**
 * Activation codes: 12 characters of Crockford base32 (60 random bits), printed
 * under a scratch-off on the card and shown once, on the sheet printed when the
 * batch is made. Only SHA-256 of the card number and the code is kept: with 2^60
 * possible codes per card a stolen table cannot be walked back to the codes, so
 * a slow password hash (which would take hours for a batch) is not needed.
 */
export const CODE_LENGTH = 12;

export const newActivationCode = () => newReadableCode(CODE_LENGTH);

export const readActivationCode = (text: string) => readCode(text, CODE_LENGTH);

export function activationCodeHash(number: string, code: string): string {
  return createHash('sha256').update(`${number}:${code}`).digest('hex');
}

export function activationCodeMatches(number: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(activationCodeHash(number, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
