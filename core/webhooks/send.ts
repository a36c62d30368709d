import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressAllowed, type AddressPolicy } from './address-policy.ts';

/** How long one attempt may take, connection to answer; a slower receiver counts as failed and is retried. */
export const ATTEMPT_TIMEOUT_MS = 15_000;

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

class RefusedAddress extends Error {
  code = 'ADDRESS_NOT_ALLOWED';
}

/** Resolves as the connection would, and refuses when any address the name has is not allowed. */
function checkedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      if (addresses.length === 0 || addresses.some((a) => !addressAllowed(a.address, policy))) return callback(new RefusedAddress('address not allowed'), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * One POST of a signed event. Only a 2xx answer counts as delivered; redirects are not
 * followed (a receiver that moved gets its URL changed by the admin). The answer's body is
 * never read into the log: it is the receiver's, not ours.
 */
export function postEvent(url: string, headers: Record<string, string>, body: string, policy: AddressPolicy, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<SendResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  // A literal address is connected to without a lookup: judged here instead.
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) !== 0 && !addressAllowed(literal, policy)) return Promise.resolve({ ok: false, statusCode: null, error: 'address not allowed', durationMs: 0 });
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'VolunteerCommons-Webhooks/1' },
        lookup: checkedLookup(policy),
        // A new connection each attempt, so every one is looked up and checked.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const statusCode = res.statusCode ?? 0;
          const ok = statusCode >= 200 && statusCode < 300;
          resolve({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}`, durationMs: took() });
        });
        res.on('error', () => resolve({ ok: false, statusCode: res.statusCode ?? null, error: 'answer cut off', durationMs: took() }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The error's code, never its message: it is a fixed word, and fits a log.
      const error = err.name === 'AbortError' || err.name === 'TimeoutError' ? 'timeout' : err.code === 'ADDRESS_NOT_ALLOWED' ? 'address not allowed' : (err.code ?? 'connection failed');
      resolve({ ok: false, statusCode: null, error, durationMs: took() });
    });
    req.end(body);
  });
}
