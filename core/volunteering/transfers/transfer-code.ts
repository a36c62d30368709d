import { createHash } from 'node:crypto';

/** The one-time transfer code: 12 characters of Crockford base32 (60 bits), typed by the volunteer in the destination. */
export const TRANSFER_CODE_LENGTH = 12;

/** What the destination keeps of the code: enough to recognise it, never the code. */
export const codeHash = (code: string) => createHash('sha256').update(`volunteer-transfer:${code}`).digest('base64url');

/**
 * How long an approved code can be accepted. One value for the platform, not a city
 * setting: the origin sets the expiry and the destination enforces it, so both cities
 * and the volunteer read the same date; 30 days leaves time to register in the new city.
 */
export const TRANSFER_CODE_VALID_DAYS = 30;
