import { hkdfSync, randomBytes } from 'node:crypto';
import { idNumberKeys, openIdNumber, sealIdNumber, type IdNumberKeys } from '../volunteering/volunteers/id-number-keys.ts';

/**
 * Signing secrets in the Standard Webhooks form, `whsec_<base64 of 32 random bytes>`,
 * so a receiver's off-the-shelf verifier takes them as they are. They are sealed at rest
 * with keys derived (HKDF) from the ID-number keys: one configuration to keep, and a
 * secret sealed here never opens as an ID number or the other way round.
 */
const PREFIX = 'whsec_';

export function newSigningSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key a secret stands for. */
export function signingKeyOf(secret: string): Buffer {
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

const derive = (key: Buffer) => Buffer.from(hkdfSync('sha256', key, '', 'webhook-signing-secret', 32));

const derived = new WeakMap<IdNumberKeys, IdNumberKeys>();
function webhookKeys(keys = idNumberKeys()): IdNumberKeys {
  let mine = derived.get(keys);
  if (!mine) {
    mine = { sealing: { id: keys.sealing.id, key: derive(keys.sealing.key) }, opening: new Map([...keys.opening].map(([id, key]) => [id, derive(key)])), hashKey: keys.hashKey };
    derived.set(keys, mine);
  }
  return mine;
}

export const sealSigningSecret = (secret: string, keys?: IdNumberKeys) => sealIdNumber(secret, webhookKeys(keys));
export const openSigningSecret = (sealed: string, keys?: IdNumberKeys) => openIdNumber(sealed, webhookKeys(keys));
