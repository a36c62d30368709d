import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 over a callback's fields in key order (`k=v&k=v`), hex. Gateways
 * in China sign the same way (sorted fields, then a MAC or RSA signature).
 */
export function signFields(fields: Record<string, string>, secret: string): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** Constant-time comparison, so a forger learns nothing from timing. */
export function signatureHolds(fields: Record<string, string>, signature: string, secret: string): boolean {
  const expected = Buffer.from(signFields(fields, secret), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
