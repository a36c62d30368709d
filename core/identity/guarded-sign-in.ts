import { recordAudit } from '../audit/service.ts';
import type { TenantUnit } from '../db/tenant-unit.ts';
import { loginKey, type Login } from './forms.ts';
import { createSignInLimiter, type SlidingWindowLimiter } from './rate-limit.ts';
import { checkPassword, claimSignInAttempt, clearSignInFailures, type AccountForSignIn } from './sign-in.ts';
import { UnknownLoginBackoff } from './unknown-login-backoff.ts';

/** What every password check of a city's site shares: the per-address limit and the unknown logins' backoff. */
export type SignInGuard = { addresses: SlidingWindowLimiter; unknownLogins: UnknownLoginBackoff };

export function createSignInGuard(): SignInGuard {
  return { addresses: createSignInLimiter(), unknownLogins: new UnknownLoginBackoff() };
}

export type GuardedCheck =
  | { outcome: 'right'; user: AccountForSignIn }
  | { outcome: 'wrong' }
  | { outcome: 'address-throttled'; retryAfter: number }
  | { outcome: 'login-throttled'; retryAfter: number };

export type GuardedCheckInput = {
  login: Login;
  password: string;
  address: string;
  /** How the password was asked for, for the audit log: the sign-in form or an invitation. */
  method: 'password' | 'invitation';
};

/**
 * The one way a password of a city's account is checked: the address limit,
 * the login's backoff (an account's or an unknown login's, answering alike), a
 * decoy hash for unknown logins, and every failure in the audit log. A right
 * password clears the account's failures.
 */
export async function checkPasswordGuarded(unit: TenantUnit, guard: SignInGuard, input: GuardedCheckInput, now = new Date()): Promise<GuardedCheck> {
  const { address } = input;
  const { tenantId } = unit;
  const addressWait = guard.addresses.retryAfter(address);
  if (addressWait) return { outcome: 'address-throttled', retryAfter: addressWait };
  const claim = await unit.run((tx) => claimSignInAttempt(tx, tenantId, input.login, now));
  // The claim counts against the login whatever happens next, and the slow hash below holds no transaction (nor the account's row).
  await unit.commit();
  if (claim.outcome === 'blocked') return { outcome: 'login-throttled', retryAfter: claim.retryAfter };
  if (claim.outcome === 'unknown') {
    const wait = guard.unknownLogins.claim(loginKey(tenantId, input.login), now);
    if (wait) return { outcome: 'login-throttled', retryAfter: wait };
  }
  const user = claim.outcome === 'claimed' ? claim.user : null;
  if (user && (await checkPassword(user, input.password))) {
    await unit.run((tx) => clearSignInFailures(tx, tenantId, user.id));
    return { outcome: 'right', user };
  }
  if (!user) await checkPassword(null, input.password);
  guard.addresses.hit(address);
  await unit.run((tx) =>
    recordAudit(tx, tenantId, { actor: 'anonymous', action: 'user.sign_in_failed', target: user ? `user:${user.id}` : '', address, detail: { method: input.method } }),
  );
  return { outcome: 'wrong' };
}
