import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * ID numbers are sealed with AES-256-GCM (authenticated: a changed byte fails to open) and
 * found again by an HMAC-SHA-256 under a separate key, so the database alone reveals neither.
 * ID_NUMBER_KEYS is a JSON list `[{"id":"2026a","key":"<32 bytes, base64>"}, ...]`: the first
 * seals, every one opens, which is how keys rotate (add a new first key, run
 * `npm run id-numbers:reseal`, then drop the old one). ID_NUMBER_HASH_KEY (base64, ≥ 32 bytes)
 * never rotates: changing it would forget every city's duplicates.
 */
export type IdNumberKeys = { sealing: { id: string; key: Buffer }; opening: Map<string, Buffer>; hashKey: Buffer };

const keyList = z
  .array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), key: z.string().base64() }))
  .min(1)
  .refine((l) => l.every((k) => Buffer.from(k.key, 'base64').length === 32), 'each key must be 32 bytes')
  .refine((l) => new Set(l.map((k) => k.id)).size === l.length, 'key ids must differ');

/** Development, tests and demo: keys derived from a fixed phrase, so data survives restarts; never in production. */
function developmentKeys(): IdNumberKeys {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', 'volunteer-commons-development-only', '', label, 32));
  const key = derive('id-number-seal');
  return { sealing: { id: 'dev', key }, opening: new Map([['dev', key]]), hashKey: derive('id-number-hash') };
}

export function loadIdNumberKeys(env: NodeJS.ProcessEnv = process.env): IdNumberKeys {
  const sealing = env.ID_NUMBER_KEYS;
  const hash = env.ID_NUMBER_HASH_KEY;
  if (!sealing && !hash) {
    if (env.NODE_ENV === 'production') throw new Error('ID_NUMBER_KEYS and ID_NUMBER_HASH_KEY must be set in production.');
    return developmentKeys();
  }
  if (!sealing || !hash) throw new Error('Set both ID_NUMBER_KEYS and ID_NUMBER_HASH_KEY, or neither outside production.');
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(sealing);
  } catch {
    throw new Error('ID_NUMBER_KEYS must be a JSON list of {"id","key"}.');
  }
  const parsed = keyList.safeParse(parsedJson);
  if (!parsed.success) throw new Error(`ID_NUMBER_KEYS: ${parsed.error.issues[0]!.message}`);
  const hashKey = Buffer.from(hash, 'base64');
  if (hashKey.length < 32) throw new Error('ID_NUMBER_HASH_KEY must be at least 32 bytes, base64.');
  const keys = parsed.data.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') }));
  return { sealing: keys[0]!, opening: new Map(keys.map((k) => [k.id, k.key])), hashKey };
}

let current: IdNumberKeys | null = null;
/** Read once, on first use. */
export const idNumberKeys = () => (current ??= loadIdNumberKeys());

/** `keyId.iv.tag.ciphertext`, base64url: the key id says which key opens it. */
export function sealIdNumber(plain: string, keys = idNumberKeys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.sealing.key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [keys.sealing.id, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function openIdNumber(sealed: string, keys = idNumberKeys()): string {
  const [keyId, iv, tag, body] = sealed.split('.');
  const key = keys.opening.get(keyId ?? '');
  if (!key || !iv || !tag || body === undefined) throw new Error('An ID number is sealed with a key that is not configured.');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** True when the value was sealed with an older key and should be sealed again. */
export const sealedWithOldKey = (sealed: string, keys = idNumberKeys()) => !sealed.startsWith(`${keys.sealing.id}.`);

/** The same document always gives the same hash; type and number both count (a passport may share digits with a permit). */
export function hashIdNumber(type: string, number: string, keys = idNumberKeys()): string {
  return createHmac('sha256', keys.hashKey).update(`${type}:${number}`).digest('base64url');
}
