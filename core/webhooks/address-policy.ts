import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may go (the platform must not be made to call into its own network).
 * Always: HTTPS to a public address. In development and tests only (NODE_ENV is not
 * `production`): also HTTP or HTTPS to this machine (localhost, 127.0.0.0/8, ::1), for a
 * receiver run beside the platform. The name is checked when the endpoint is saved and its
 * addresses again at every delivery, on the very address connected to (no DNS rebinding).
 */
export type AddressPolicy = { allowLoopback: boolean };

export const addressPolicy = (env: NodeJS.ProcessEnv = process.env): AddressPolicy => ({ allowLoopback: env.NODE_ENV !== 'production' });

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Addresses that are not the public internet: private, shared, link-local, documentation, multicast, reserved (RFC 6890). */
const notPublic = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) notPublic.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 127], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  notPublic.addSubnet(net, bits, 'ipv6');
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Whether the platform may connect to this address (IPv4-mapped IPv6 is judged as the IPv4 it maps). */
export function addressAllowed(address: string, policy: AddressPolicy): boolean {
  if (isIP(address) === 0) return false;
  if (policy.allowLoopback && loopback.check(address, family(address))) return true;
  return !notPublic.check(address, family(address));
}

/** Why an endpoint URL is refused when saved, or null when it may be saved. */
export function urlProblem(text: string, policy: AddressPolicy): 'invalid' | 'https' | 'address' | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'invalid';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !url.hostname) return 'invalid';
  // URL keeps IPv6 literals in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const local = isLoopbackName(host) || (isIP(host) !== 0 && loopback.check(host, family(host)));
  if (local) return policy.allowLoopback ? null : 'address';
  if (url.protocol !== 'https:') return 'https';
  if (isIP(host) !== 0 && !addressAllowed(host, policy)) return 'address';
  return null;
}
