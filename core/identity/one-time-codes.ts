import { randomFillSync } from 'node:crypto';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';
import { decodeHex } from '@oslojs/encoding';
import { constantTimeEqual, hashSecret, hashSecretHex } from './tokens.ts';

/** An SMS code works for this long after it is sent. */
export const CODE_MINUTES = 10;
/** This many wrong tries and the code no longer works, even the right one: guessing 1 of a million stays hopeless. */
export const MAX_WRONG_CODES = 5;
/** A new code for the same request may be asked for this long after the last one. */
export const RESEND_COOLDOWN_SECONDS = 60;

const random: RandomReader = { read: (bytes) => void randomFillSync(bytes) };

/** Six random digits, as people type them from an SMS. */
export function randomCode(): string {
  return generateRandomString(random, '0123456789', 6);
}

/**
 * The stored form of a code: salted with its row's id, so equal codes of two
 * requests do not hash alike. A code lives minutes and allows a few tries, which
 * is what protects it; the hash keeps it out of a copy of the database.
 */
export function hashCode(rowId: string, code: string): string {
  return hashSecretHex(`${rowId}:${code}`);
}

export type CodeVerdict = 'right' | 'wrong' | 'expired' | 'used' | 'burned';

export type CodeRow = { id: string; codeHash: string; wrongCodes: number; expiresAt: Date; usedAt?: Date | null };

/** What entering `code` against a stored request means now; the caller counts a 'wrong'. */
export function judgeCode(row: CodeRow, code: string, now: Date): CodeVerdict {
  if (row.usedAt) return 'used';
  if (row.wrongCodes >= MAX_WRONG_CODES) return 'burned';
  if (row.expiresAt <= now) return 'expired';
  return constantTimeEqual(hashSecret(`${row.id}:${code.trim()}`), decodeHex(row.codeHash)) ? 'right' : 'wrong';
}
