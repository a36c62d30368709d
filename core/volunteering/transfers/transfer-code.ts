import { createHash } from 'node:crypto';

/** The one-time transfer code: 12 characters of Crockford base32 (60 bits), typed by the volunteer in the destination. */
export const TRANSFER_CODE_LENGTH = 12;

/** What the destination keeps of the code: enough to recognise it, never the code. */
export const codeHash = (code: string) => createHash('sha256').update(`volunteer-transfer:${code}`).digest('base64url');
