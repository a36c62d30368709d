import { and, eq, isNotNull, notLike, sql } from 'drizzle-orm';
import { selectBuiltOnce } from '../../db/built-once.ts';
import { rowsOf, type Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { recordAudit } from '../../audit/service.ts';
import { grantRole } from '../../identity/users.ts';
import { volunteerNumberCounters, volunteerProfiles } from './schema.ts';
import { unifiedVolunteerNumber } from './unified-number.ts';
import { birthDateFromId, type IdType } from './id-documents.ts';
import { hashIdNumber, idNumberKeys, openIdNumber, sealIdNumber } from './id-number-keys.ts';

type ProfileRow = typeof volunteerProfiles.$inferSelect;
export type IdDocument = { type: IdType; number: string };
/** A profile with its identity document opened; only ever held in memory. */
export type VolunteerProfile = Omit<ProfileRow, 'idNumberSealed' | 'idNumberHash'> & { idDocument: IdDocument | null };
export type ProfileInput = {
  realName: string;
  mobile: string;
  skills: string[];
  serviceAreas: string[];
  availability: string[];
  idDocument: IdDocument | null;
};

export function openProfile({ idNumberSealed, idNumberHash: _hash, ...row }: ProfileRow): VolunteerProfile {
  const idDocument = row.idType && idNumberSealed ? { type: row.idType as IdType, number: openIdNumber(idNumberSealed) } : null;
  return { ...row, idDocument };
}

export async function findProfile(tx: Tx, tenantId: string, userId: string): Promise<VolunteerProfile | null> {
  const [row] = await profileOf(tx, { tenantId, userId });
  return row ? openProfile(row) : null;
}

// Built once: the volunteer's hours page reads it on every request.
const profileOf = selectBuiltOnce((tx) =>
  tx
    .select()
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, sql.placeholder('tenantId')), eq(volunteerProfiles.userId, sql.placeholder('userId')))),
);

const UNVERIFIED = { idVerifiedAt: null, idVerifiedBy: null };

/** The columns a document is stored in: sealed, hashed, and the birth date it carries; a different document loses its verification. */
function idColumns(doc: IdDocument | null, previousHash: string | null) {
  if (!doc) return { idType: null, idNumberSealed: null, idNumberHash: null, birthDate: null, ...UNVERIFIED };
  const idNumberHash = hashIdNumber(doc.type, doc.number);
  const stored = { idType: doc.type, idNumberSealed: sealIdNumber(doc.number), idNumberHash, birthDate: birthDateFromId(doc.type, doc.number) };
  return idNumberHash === previousHash ? stored : { ...stored, ...UNVERIFIED };
}

/** Staff mark a volunteer's document verified; false when there is no profile or no document to verify. */
export async function verifyIdentity(tx: Tx, tenantId: string, userId: string, staff: { id: string; address: string | null }): Promise<boolean> {
  const [row] = await tx
    .update(volunteerProfiles)
    .set({ idVerifiedAt: new Date(), idVerifiedBy: staff.id })
    .where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, userId), isNotNull(volunteerProfiles.idNumberSealed)))
    .returning({ idType: volunteerProfiles.idType });
  if (!row) return false;
  // The document type only: the number never goes into the audit log.
  await recordAudit(tx, tenantId, { actor: `user:${staff.id}`, action: 'volunteer.identity_verified', target: `user:${userId}`, address: staff.address, detail: { idType: row.idType } });
  return true;
}

/**
 * The next unified volunteer number (unified-number.ts) under the city's division
 * code, and one more volunteer counted for the city. The sequence is the platform's
 * one, so no two volunteers anywhere get the same number and none is handed out twice.
 */
export async function nextVolunteerNumber(tx: Tx, tenant: { id: string; divisionCode: string | null }): Promise<string> {
  const [row] = rowsOf<{ n: string }>(await tx.execute(sql`select nextval('volunteer_number_sequence')::text as n`));
  await countRegistration(tx, tenant.id);
  return unifiedVolunteerNumber(tenant.divisionCode, Number(row!.n));
}

/** One more volunteer registered in the city (the city figures read this count). */
export async function countRegistration(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insert(volunteerNumberCounters)
    .values({ tenantId, lastNumber: 1 })
    .onConflictDoUpdate({ target: volunteerNumberCounters.tenantId, set: { lastNumber: sql`${volunteerNumberCounters.lastNumber} + 1` } });
}

/**
 * Creates or updates the profile. Completing it the first time hands out a
 * volunteer number and grants the city role `volunteer`; later saves keep the number.
 */
export async function saveProfile(
  tx: Tx,
  tenant: { id: string; divisionCode: string | null },
  userId: string,
  { idDocument, ...input }: ProfileInput,
): Promise<{ profile: VolunteerProfile; created: boolean }> {
  const [existing] = await tx
    .select({ hash: volunteerProfiles.idNumberHash })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, tenant.id), eq(volunteerProfiles.userId, userId)));
  const values = { ...input, ...idColumns(idDocument, existing?.hash ?? null) };
  if (existing) {
    const [profile] = await tx
      .update(volunteerProfiles)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(volunteerProfiles.tenantId, tenant.id), eq(volunteerProfiles.userId, userId)))
      .returning();
    return { profile: openProfile(profile!), created: false };
  }
  const volunteerNumber = await nextVolunteerNumber(tx, tenant);
  // Two first saves of one user racing: the second becomes an update and its number is left unused.
  const [profile] = await tx
    .insert(volunteerProfiles)
    .values({ tenantId: tenant.id, userId, volunteerNumber, ...values })
    .onConflictDoUpdate({ target: [volunteerProfiles.tenantId, volunteerProfiles.userId], set: { ...values, updatedAt: new Date() } })
    .returning();
  await grantRole(tx, tenant.id, userId, 'volunteer');
  return { profile: openProfile(profile!), created: profile!.volunteerNumber === volunteerNumber };
}

/**
 * `saveProfile` in a savepoint: null when another volunteer of the city holds the
 * same document. The unique index decides, so two saves of one document at the
 * same instant give the second this answer too, and the rest of the unit stays.
 */
export async function saveProfileUnlessTaken(tx: Tx, tenant: { id: string; divisionCode: string | null }, userId: string, input: ProfileInput) {
  try {
    return await tx.transaction((sp) => saveProfile(sp as Tx, tenant, userId, input));
  } catch (err) {
    if (isUniqueViolation(err, 'volunteer_profiles_id_number')) return null;
    throw err;
  }
}

/** Seals again, with the current first key, every ID number of the city sealed with an older one; returns how many. */
export async function resealIdNumbers(tx: Tx, tenantId: string, keys = idNumberKeys()): Promise<number> {
  const rows = await tx
    .select({ userId: volunteerProfiles.userId, sealed: volunteerProfiles.idNumberSealed })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, tenantId), isNotNull(volunteerProfiles.idNumberSealed), notLike(volunteerProfiles.idNumberSealed, `${keys.sealing.id}.%`)));
  for (const row of rows) {
    await tx
      .update(volunteerProfiles)
      .set({ idNumberSealed: sealIdNumber(openIdNumber(row.sealed!, keys), keys) })
      .where(and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, row.userId)));
  }
  return rows.length;
}
