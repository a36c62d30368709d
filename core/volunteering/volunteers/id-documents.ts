import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { isValidIdCard, maskIdCard, normaliseIdCard } from '../shared/identifiers.ts';

/**
 * The identity documents a volunteer may register with, and each one's format:
 * - resident_id: 居民身份证 (GB 11643-1999), 18 characters, birth date in characters 7–14, ISO 7064 MOD 11-2 check;
 *   the residence permits of Hong Kong, Macao and Taiwan residents (810000/820000/830000…) share this format.
 * - passport: letters and digits, 5–17 characters (Chinese passports are E + 8 characters; foreign ones vary).
 * - hk_macao_permit: 港澳居民来往内地通行证, H (Hong Kong) or M (Macao) and 8 digits (10 on permits issued before 2013).
 * - taiwan_permit: 台湾居民来往大陆通行证, 8 digits (10 on booklets issued before 2015).
 */
export const ID_TYPES = {
  resident_id: { 'zh-CN': '居民身份证', en: 'Resident identity card' },
  passport: { 'zh-CN': '护照', en: 'Passport' },
  hk_macao_permit: { 'zh-CN': '港澳居民来往内地通行证', en: 'Mainland Travel Permit for Hong Kong and Macao Residents' },
  taiwan_permit: { 'zh-CN': '台湾居民来往大陆通行证', en: 'Mainland Travel Permit for Taiwan Residents' },
} satisfies Record<string, LocalizedText>;

export type IdType = keyof typeof ID_TYPES;
export const isIdType = (v: string): v is IdType => Object.hasOwn(ID_TYPES, v);

const FORMATS: Record<Exclude<IdType, 'resident_id'>, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macao_permit: /^[HM](\d{8}|\d{10})$/,
  taiwan_permit: /^(\d{8}|\d{10})$/,
};

/** Upper-cased with spaces removed: what is sealed and hashed, so one document has one form. */
export const normaliseIdNumber = normaliseIdCard;

export function isValidIdNumber(type: IdType, value: string, today = new Date()): boolean {
  return type === 'resident_id' ? isValidIdCard(value, today) : FORMATS[type].test(value);
}

/** `YYYY-MM-DD` where the document carries it (the resident identity card), else null. */
export function birthDateFromId(type: IdType, value: string): string | null {
  if (type !== 'resident_id') return null;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Enough to recognise one's own document, not enough to use it: `4401**********123X`, `E*****78`. */
export function maskIdNumber(type: IdType, value: string): string {
  if (type === 'resident_id') return maskIdCard(value);
  return `${value.slice(0, 1)}${'*'.repeat(Math.max(0, value.length - 3))}${value.slice(-2)}`;
}
