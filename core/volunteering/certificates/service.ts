import { and, asc, count, desc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import { findIdentityRequirements } from '../volunteers/identity-requirements.ts';
import { recordAudit } from '../../audit/service.ts';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { serviceCertificates, type CertificateSummary } from './schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { DAY_MS, parseLocalDate, toLocalDateInput } from '../shared/time.ts';
import { findProfile } from '../volunteers/service.ts';
import { groupCode, newReadableCode, readCode } from '../../readable-codes.ts';
import { maskIdNumber } from '../volunteers/id-documents.ts';
import { nextCertificateNumber } from './numbers.ts';
import { currentSealDigest } from './seals.ts';
import { starsOf } from '../stars/service.ts';
import { recordWebhookEvent } from '../../webhooks/outbox.ts';

/**
 * Service certificates: a volunteer's verified records of a period at one
 * organisation, frozen with a number and a random code anyone can check at `/verify/<code>`. A certificate stays valid
 * while none of its records has been revoked; its state is read live.
 */

export type ServiceCertificate = typeof serviceCertificates.$inferSelect;

/** Verification codes: 12 characters (60 random bits). */
const CODE_LENGTH = 12;
export const newCertificateCode = () => newReadableCode(CODE_LENGTH);
export const normaliseCode = (typed: string) => readCode(typed, CODE_LENGTH);
export { groupCode };

export const MAX_PERIOD_YEARS = 5;
export type PeriodProblem = { field: 'from' | 'to'; problem: 'toBeforeFrom' | 'toInFuture' | 'periodTooLong' };

/** Checks a period of China dates (`YYYY-MM-DD`, already valid): ordered, not ending after today, at most five years. */
export function periodProblem(from: string, to: string, now: Date): PeriodProblem | null {
  if (to < from) return { field: 'to', problem: 'toBeforeFrom' };
  if (to > toLocalDateInput(now)) return { field: 'to', problem: 'toInFuture' };
  const limit = `${Number(from.slice(0, 4)) + MAX_PERIOD_YEARS}${from.slice(4)}`;
  if (to >= limit) return { field: 'to', problem: 'periodTooLong' };
  return null;
}

export type IssuedCertificate = { id: string; code: string; number: string; organisationId: string; totalMinutes: number };
export type IssueCertificatesResult = { ok: true; certificates: IssuedCertificate[] } | { ok: false; reason: 'bad_period' | 'no_profile' | 'identity_unverified' | 'no_records' };

/** Verified records of a volunteer that started within the period (China dates, both ends included). */
async function verifiedRecordsIn(tx: Tx, tenantId: string, volunteerUserId: string, start: Date, endExclusive: Date) {
  return tx
    .select({
      id: serviceRecords.id,
      minutes: serviceRecords.minutes,
      startedAt: serviceRecords.startedAt,
      projectId: serviceRecords.projectId,
      projectName: projects.name,
      organisationId: serviceRecords.organisationId,
      organisationName: organisations.name,
      creditCode: organisations.creditCode,
    })
    .from(serviceRecords)
    .innerJoin(projects, and(eq(projects.tenantId, serviceRecords.tenantId), eq(projects.id, serviceRecords.projectId)))
    .innerJoin(organisations, and(eq(organisations.tenantId, serviceRecords.tenantId), eq(organisations.id, serviceRecords.organisationId)))
    .where(
      and(
        eq(serviceRecords.tenantId, tenantId),
        eq(serviceRecords.volunteerUserId, volunteerUserId),
        eq(serviceRecords.status, 'verified'),
        gte(serviceRecords.startedAt, start),
        lt(serviceRecords.startedAt, endExclusive),
      ),
    )
    .orderBy(asc(serviceRecords.startedAt), asc(serviceRecords.id));
}

type RecordRow = Awaited<ReturnType<typeof verifiedRecordsIn>>[number];

/** Hours by project (and its organisation), most hours first. */
function byProject(rows: RecordRow[]): CertificateSummary['projects'] {
  const groups = new Map<string, CertificateSummary['projects'][number]>();
  for (const r of rows) {
    const g = groups.get(r.projectId) ?? { name: r.projectName, organisation: r.organisationName, minutes: 0, records: 0 };
    g.minutes += r.minutes;
    g.records += 1;
    groups.set(r.projectId, g);
  }
  return [...groups.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
}

/** Records grouped by the organisation that recorded them, in the order each first served. */
function byOrganisation(rows: RecordRow[]): RecordRow[][] {
  const groups = new Map<string, RecordRow[]>();
  for (const r of rows) groups.set(r.organisationId, [...(groups.get(r.organisationId) ?? []), r]);
  return [...groups.values()];
}

type Volunteer = NonNullable<Awaited<ReturnType<typeof findProfile>>>;
/** The city issuing: its id, and its slug that starts its certificate numbers. */
export type City = { id: string; slug: string };

async function insertCertificate(tx: Tx, city: City, volunteer: Volunteer, rows: RecordRow[], period: { from: string; to: string }, now: Date, address: string | null): Promise<IssuedCertificate> {
  const tenantId = city.id;
  const first = rows[0]!;
  const totalMinutes = rows.reduce((s, r) => s + r.minutes, 0);
  const doc = volunteer.idDocument;
  const summary: CertificateSummary = {
    volunteerName: volunteer.realName,
    volunteerNumber: volunteer.volunteerNumber,
    idType: doc?.type ?? null,
    idNumberMasked: doc ? maskIdNumber(doc.type, doc.number) : null,
    issuer: { name: first.organisationName, creditCode: first.creditCode },
    stars: await starsOf(tx, tenantId, volunteer.userId),
    projects: byProject(rows),
    firstDay: toLocalDateInput(first.startedAt),
    lastDay: toLocalDateInput(rows[rows.length - 1]!.startedAt),
  };
  const id = newId();
  const number = await nextCertificateNumber(tx, city, now);
  const sealDigest = await currentSealDigest(tx, tenantId, first.organisationId);
  const values = { tenantId, id, number, organisationId: first.organisationId, sealDigest, volunteerUserId: volunteer.userId, periodFrom: period.from, periodTo: period.to, totalMinutes, recordIds: rows.map((r) => r.id), summary, createdAt: now };
  // A clash of 60 random bits is next to impossible; if it happens, draw again rather than fail.
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = newCertificateCode();
    const inserted = await tx.insert(serviceCertificates).values({ ...values, code }).onConflictDoNothing().returning({ id: serviceCertificates.id });
    if (inserted.length === 0) continue;
    await recordAudit(tx, tenantId, {
      actor: `user:${volunteer.userId}`,
      action: 'service_certificate.created',
      target: `service_certificate:${id}`,
      address,
      detail: { number, organisationId: first.organisationId, periodFrom: period.from, periodTo: period.to, totalMinutes, records: rows.length },
    });
    // Not the verification code: it opens the volunteer's name on /verify.
    await recordWebhookEvent(tx, city, 'certificate.issued', { id, number, volunteerId: volunteer.userId, organisationId: first.organisationId, periodFrom: period.from, periodTo: period.to, totalMinutes, recordIds: values.recordIds });
    return { id, code, number, organisationId: first.organisationId, totalMinutes };
  }
  throw new Error('could not draw an unused certificate code');
}

/**
 * Issues certificates of the volunteer's verified records whose service started
 * in the period: one per organisation that recorded them (谁记录谁证明, 办法), each
 * freezing its record ids, total, summary and the organisation's current seal, and audited.
 */
export async function issueCertificates(
  tx: Tx,
  city: City,
  volunteerUserId: string,
  from: string,
  to: string,
  now = new Date(),
  address: string | null = null,
): Promise<IssueCertificatesResult> {
  const tenantId = city.id;
  const start = parseLocalDate(from);
  const end = parseLocalDate(to);
  if (!start || !end || periodProblem(from, to, now)) return { ok: false, reason: 'bad_period' };
  const profile = await findProfile(tx, tenantId, volunteerUserId);
  if (!profile) return { ok: false, reason: 'no_profile' };
  if ((await findIdentityRequirements(tx, tenantId)).certificates && !profile.idVerifiedAt) return { ok: false, reason: 'identity_unverified' };
  const rows = await verifiedRecordsIn(tx, tenantId, volunteerUserId, start, new Date(end.getTime() + DAY_MS));
  if (rows.length === 0) return { ok: false, reason: 'no_records' };
  const certificates: IssuedCertificate[] = [];
  for (const group of byOrganisation(rows)) certificates.push(await insertCertificate(tx, city, profile, group, { from, to }, now, address));
  return { ok: true, certificates };
}

/** Records of a certificate revoked since it was made: how many, and the minutes they held. */
export type Revocations = { count: number; minutes: number };

// Built once, as the lookup by code below: the public verify page runs both on every request.
const revokedAmong = selectBuiltOnce((tx) =>
  tx
    .select({ count: count(), minutes: sum(serviceRecords.minutes).mapWith(Number) })
    .from(serviceRecords)
    .where(
      and(
        eq(serviceRecords.tenantId, sql.placeholder('tenantId')),
        sql`${serviceRecords.id} = any(${sql.placeholder('recordIds')}::uuid[])`,
        eq(serviceRecords.status, 'revoked'),
      ),
    ),
);

export async function revocationsOf(tx: Tx, tenantId: string, certificate: ServiceCertificate): Promise<Revocations> {
  if (certificate.recordIds.length === 0) return { count: 0, minutes: 0 };
  const [row] = await revokedAmong(tx, { tenantId, recordIds: certificate.recordIds });
  return { count: row?.count ?? 0, minutes: row?.minutes ?? 0 };
}

export type CertificateWithState = ServiceCertificate & { revoked: Revocations };

export async function findCertificate(tx: Tx, tenantId: string, id: string): Promise<CertificateWithState | null> {
  const [row] = await tx.select().from(serviceCertificates).where(and(eq(serviceCertificates.tenantId, tenantId), eq(serviceCertificates.id, id)));
  return row ? { ...row, revoked: await revocationsOf(tx, tenantId, row) } : null;
}

/** `code` must already be normalised; a code of another city is simply not found. */
export async function findCertificateByCode(tx: Tx, tenantId: string, code: string): Promise<CertificateWithState | null> {
  const [row] = await certificateByCode(tx, { tenantId, code });
  return row ? { ...row, revoked: await revocationsOf(tx, tenantId, row) } : null;
}

const certificateByCode = selectBuiltOnce((tx) =>
  tx
    .select()
    .from(serviceCertificates)
    .where(and(eq(serviceCertificates.tenantId, sql.placeholder('tenantId')), eq(serviceCertificates.code, sql.placeholder('code')))),
);

export type CertificateListItem = Pick<ServiceCertificate, 'id' | 'code' | 'number' | 'periodFrom' | 'periodTo' | 'totalMinutes' | 'createdAt'> & { issuer: string | null; revokedCount: number };

/** A volunteer's certificates, newest first, each with how many of its records were revoked (one query). */
export async function listCertificates(tx: Tx, tenantId: string, volunteerUserId: string, page: number, pageSize: number) {
  const mine = and(eq(serviceCertificates.tenantId, tenantId), eq(serviceCertificates.volunteerUserId, volunteerUserId));
  const [total] = await tx.select({ n: count() }).from(serviceCertificates).where(mine);
  const rows: CertificateListItem[] = await tx
    .select({
      id: serviceCertificates.id,
      code: serviceCertificates.code,
      number: serviceCertificates.number,
      issuer: sql<string | null>`${serviceCertificates.summary} -> 'issuer' ->> 'name'`,
      periodFrom: serviceCertificates.periodFrom,
      periodTo: serviceCertificates.periodTo,
      totalMinutes: serviceCertificates.totalMinutes,
      createdAt: serviceCertificates.createdAt,
      // Spelled out: drizzle leaves columns unqualified in a single-table select, so its
      // `tenant_id = tenant_id` compared the record with itself. Naming the city routes it on Citus.
      revokedCount: sql<number>`(select count(*) from service_records r
        where r.tenant_id = ${tenantId}
          and r.id = any(service_certificates.record_ids)
          and r.status = 'revoked')`.mapWith(Number),
    })
    .from(serviceCertificates)
    .where(mine)
    .orderBy(desc(serviceCertificates.createdAt), desc(serviceCertificates.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}
