import { maskMiddle } from '../volunteering/shared/masking.ts';

/** `ann@example.com` → `a***@example.com`, `13800001234` → `138****1234`: enough to recognise, not to contact. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at > 0) return `${Array.from(address)[0]}***${address.slice(at)}`;
  return maskMiddle(address, 3, 4);
}
