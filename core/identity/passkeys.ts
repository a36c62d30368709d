import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { passkeys, users } from '../db/schema/identity.ts';

/**
 * Asked for when the passkey is made and when it is used, and the same value
 * decides the check: 'preferred' means a passkey without user verification is
 * accepted, so verification must not be required on verify.
 */
export const USER_VERIFICATION = 'preferred' as const;
const REQUIRE_USER_VERIFICATION = (USER_VERIFICATION as string) === 'required';

/**
 * Loaded at the first passkey request, not at start: loading @simplewebauthn/server (and the
 * certificate and CBOR libraries under it) is 0.4 s CPU, a good part of loading the whole platform.
 */
const webauthn = () => import('@simplewebauthn/server');

/** This city's site as the relying party: its own host and exact origin, never a list of cities. */
export type RelyingParty = { id: string; name: string; origin: string };

export type PasskeyOwner = { id: string; name: string; email: string | null; mobile: string | null };

export async function registrationOptions(rp: RelyingParty, user: PasskeyOwner, existing: { id: string; transports: string[] }[]) {
  const { generateRegistrationOptions } = await webauthn();
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email ?? user.mobile ?? user.name,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // Discoverable: signing in then needs no account name, so nothing tells who has a passkey.
    authenticatorSelection: { residentKey: 'required', userVerification: USER_VERIFICATION },
  });
}

export type NewPasskey = {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
};

/** The credential the browser created, or null when it does not check out. */
export async function verifyRegistration(rp: RelyingParty, challenge: string, response: RegistrationResponseJSON): Promise<NewPasskey | null> {
  const { verifyRegistrationResponse } = await webauthn();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: REQUIRE_USER_VERIFICATION,
    });
    if (!result.verified) return null;
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    };
  } catch {
    return null; // a malformed or forged response is simply not verified
  }
}

export async function savePasskey(tx: Tx, tenantId: string, userId: string, passkey: NewPasskey, name: string): Promise<boolean> {
  const saved = await tx
    .insert(passkeys)
    .values({ tenantId, userId, name, ...passkey })
    .onConflictDoNothing()
    .returning({ id: passkeys.id });
  return saved.length > 0;
}

export async function authenticationOptions(rp: RelyingParty) {
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({ rpID: rp.id, userVerification: USER_VERIFICATION });
}

/** A passkey of this city by credential id, with its owner's name. */
export async function findPasskey(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ passkey: passkeys, ownerName: users.name })
    .from(passkeys)
    .innerJoin(users, and(eq(users.tenantId, passkeys.tenantId), eq(users.id, passkeys.userId)))
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.id, id)));
  return row ?? null;
}

type StoredPasskey = typeof passkeys.$inferSelect;

/** The authenticator's new state when the assertion checks out, else null. */
export async function verifyAuthentication(rp: RelyingParty, challenge: string, response: AuthenticationResponseJSON, passkey: StoredPasskey) {
  const { verifyAuthenticationResponse } = await webauthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: REQUIRE_USER_VERIFICATION,
    });
    if (!result.verified) return null;
    return { counter: result.authenticationInfo.newCounter, backedUp: result.authenticationInfo.credentialBackedUp };
  } catch {
    return null;
  }
}

export async function markPasskeyUsed(tx: Tx, tenantId: string, id: string, state: { counter: number; backedUp: boolean }, now: Date): Promise<void> {
  await tx
    .update(passkeys)
    .set({ counter: state.counter, backedUp: state.backedUp, lastUsedAt: now })
    .where(and(eq(passkeys.tenantId, tenantId), eq(passkeys.id, id)));
}
