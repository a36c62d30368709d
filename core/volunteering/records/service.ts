import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, isNull, sql, sum, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { selectBuiltOnce } from '../../db/built-once.ts';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { memberRole, MAY_VERIFY_HOURS } from '../volunteers/members.ts';
import { findOrganisation, type Organisation } from '../organisations/service.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { serviceRecords, type ServiceRecordStatus } from './schema.ts';
import { ledgerAccounts } from '../../ledger/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode, type ServiceRecord } from './verification.ts';

/** Reading service records: an organisation's queue, a volunteer's own hours, one record with its names. */

/** The organiser's tabs: the four decided-or-waiting states, and open disputes whatever the state. */
export const QUEUE_TABS = ['pending', 'verified', 'rejected', 'revoked', 'disputed'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

const inCity = (tenantId: string) => eq(serviceRecords.tenantId, tenantId);
const openDispute = and(isNotNull(serviceRecords.disputeReason), isNull(serviceRecords.disputeAnswer))!;
const joinProject = and(eq(projects.tenantId, serviceRecords.tenantId), eq(projects.id, serviceRecords.projectId));
const joinActivity = and(eq(activities.tenantId, serviceRecords.tenantId), eq(activities.id, serviceRecords.activityId));
const joinVolunteer = and(eq(users.tenantId, serviceRecords.tenantId), eq(users.id, serviceRecords.volunteerUserId));
const joinProfile = and(eq(volunteerProfiles.tenantId, serviceRecords.tenantId), eq(volunteerProfiles.userId, serviceRecords.volunteerUserId));
const joinOrganisation = and(eq(organisations.tenantId, serviceRecords.tenantId), eq(organisations.id, serviceRecords.organisationId));

/** The name a record shows for its volunteer: the real name of the profile, else the account's name. */
const volunteerName = sql<string>`coalesce(${volunteerProfiles.realName}, ${users.name})`;

export type RecordsAccess = { ok: true; organisation: Organisation; canVerify: boolean } | { ok: false; reason: 'not_found' | 'forbidden' };

/**
 * Who may see an organisation's records: its verifiers (who may act on them)
 * and city overseers (who may read and revoke). Another city's id → not_found.
 */
export async function recordsAccess(tx: Tx, tenantId: string, organisationId: string, userId: string, oversee: boolean): Promise<RecordsAccess> {
  const organisation = await findOrganisation(tx, tenantId, organisationId);
  if (!organisation) return { ok: false, reason: 'not_found' };
  const role = await memberRole(tx, tenantId, organisationId, userId);
  const canVerify = organisation.status === 'approved' && role !== null && MAY_VERIFY_HOURS.includes(role);
  if (!canVerify && !oversee) return { ok: false, reason: 'forbidden' };
  return { ok: true, organisation, canVerify };
}

function tabFilter(tab: QueueTab): SQL {
  return tab === 'disputed' ? openDispute : eq(serviceRecords.status, tab);
}

export type QueueRow = {
  id: string;
  volunteerUserId: string;
  status: ServiceRecordStatus;
  source: ServiceRecord['source'];
  startedAt: Date;
  minutes: number;
  claimedMinutes: number | null;
  disputed: boolean;
  volunteerName: string;
  volunteerNumber: string | null;
  projectName: string;
  activityTitle: string | null;
};

/** The columns of the queue's rows, joined; the caller adds where, order and limit. */
const queueSelect = (tx: Tx) =>
  tx
    .select({
      id: serviceRecords.id,
      volunteerUserId: serviceRecords.volunteerUserId,
      status: serviceRecords.status,
      source: serviceRecords.source,
      startedAt: serviceRecords.startedAt,
      minutes: serviceRecords.minutes,
      claimedMinutes: serviceRecords.claimedMinutes,
      disputed: sql<boolean>`${openDispute}`,
      volunteerName,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      projectName: projects.name,
      activityTitle: activities.title,
    })
    .from(serviceRecords)
    .innerJoin(users, joinVolunteer)
    .leftJoin(volunteerProfiles, joinProfile)
    .innerJoin(projects, joinProject)
    .leftJoin(activities, joinActivity);

/** One record as a row of its organisation's queue (after an action taken in that row). */
export async function queueRow(tx: Tx, tenantId: string, recordId: string): Promise<QueueRow | null> {
  const [row] = await queueSelect(tx).where(and(inCity(tenantId), eq(serviceRecords.id, recordId)));
  return row ?? null;
}

/** One tab of an organisation's records with the count of every tab; pending oldest first, the others newest first. */
export async function organisationRecords(tx: Tx, tenantId: string, organisationId: string, tab: QueueTab, page: number, pageSize: number) {
  const ofOrganisation = and(inCity(tenantId), eq(serviceRecords.organisationId, organisationId));
  const [counts] = await tx
    .select({
      pending: sql<number>`count(*) filter (where ${serviceRecords.status} = 'pending')`.mapWith(Number),
      verified: sql<number>`count(*) filter (where ${serviceRecords.status} = 'verified')`.mapWith(Number),
      rejected: sql<number>`count(*) filter (where ${serviceRecords.status} = 'rejected')`.mapWith(Number),
      revoked: sql<number>`count(*) filter (where ${serviceRecords.status} = 'revoked')`.mapWith(Number),
      disputed: sql<number>`count(*) filter (where ${openDispute})`.mapWith(Number),
    })
    .from(serviceRecords)
    .where(ofOrganisation);
  const order = tab === 'pending' ? [asc(serviceRecords.startedAt), asc(serviceRecords.id)] : [desc(serviceRecords.startedAt), desc(serviceRecords.id)];
  const rows: QueueRow[] = await queueSelect(tx)
    .where(and(ofOrganisation, tabFilter(tab)))
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const tabs: Record<QueueTab, number> = { pending: 0, verified: 0, rejected: 0, revoked: 0, disputed: 0, ...counts };
  return { rows, counts: tabs, total: tabs[tab] };
}

/** Of the given records, those of volunteers other than `userId`: nobody verifies their own hours. */
export async function othersRecords(tx: Tx, tenantId: string, recordIds: readonly string[], userId: string): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const rows = await tx
    .select({ id: serviceRecords.id, volunteer: serviceRecords.volunteerUserId })
    .from(serviceRecords)
    .where(and(inCity(tenantId), inArray(serviceRecords.id, [...recordIds])));
  const own = new Set(rows.filter((r) => r.volunteer === userId).map((r) => r.id));
  return recordIds.filter((id) => !own.has(id));
}

/** Total minutes of the given records, e.g. those a batch just verified. */
export async function minutesOf(tx: Tx, tenantId: string, recordIds: readonly string[]): Promise<number> {
  if (recordIds.length === 0) return 0;
  const [row] = await tx
    .select({ minutes: sum(serviceRecords.minutes).mapWith(Number) })
    .from(serviceRecords)
    .where(and(inCity(tenantId), inArray(serviceRecords.id, [...recordIds])));
  return row?.minutes ?? 0;
}

export type HoursSummary = { verifiedMinutes: number; counts: Record<ServiceRecordStatus, number>; hasProfile: boolean };

const recordsIn = (status: ServiceRecordStatus) => sql<number>`count(*) filter (where ${serviceRecords.status} = ${sql.raw(`'${status}'`)})`.mapWith(Number);

// One statement, built once: the hours page reads it on every request. The counts come from the
// volunteer's index alone (status is its last column); the subqueries name the city themselves, so
// Citus routes the whole statement to the city's shard.
const hoursHeading = selectBuiltOnce((tx) => {
  const tenantId = sql.placeholder('tenantId');
  const userId = sql.placeholder('userId');
  return tx
    .select({
      open: recordsIn('open'),
      pending: recordsIn('pending'),
      verified: recordsIn('verified'),
      rejected: recordsIn('rejected'),
      revoked: recordsIn('revoked'),
      verifiedMinutes: sql<number>`coalesce((select ${ledgerAccounts.balance} from ${ledgerAccounts} where ${ledgerAccounts.tenantId} = ${tenantId} and ${ledgerAccounts.unit} = ${SERVICE_MINUTES} and ${ledgerAccounts.code} = ${sql.placeholder('accountCode')}), 0)`.mapWith(Number),
      hasProfile: sql<boolean>`exists (select from ${volunteerProfiles} where ${volunteerProfiles.tenantId} = ${tenantId} and ${volunteerProfiles.userId} = ${userId})`,
    })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.volunteerUserId, userId)));
});

/**
 * A volunteer's total as the ledger counts it here (verified service, records imported or
 * transferred in, less what was transferred to another city), how many of their own records are in
 * each state, and whether they have a volunteer profile.
 */
export async function hoursSummary(tx: Tx, tenantId: string, userId: string): Promise<HoursSummary> {
  const [row] = await hoursHeading(tx, { tenantId, userId, accountCode: volunteerAccountCode(userId) });
  const { verifiedMinutes, hasProfile, ...counts } = row!;
  return { verifiedMinutes, counts, hasProfile };
}

export type OwnRecordRow = Pick<ServiceRecord, 'id' | 'status' | 'startedAt' | 'minutes' | 'claimedMinutes' | 'rejectionReason' | 'revocationReason' | 'disputeReason' | 'disputeAnswer'> & {
  organisationName: string;
  projectName: string;
  activityTitle: string | null;
};

/** A page of a volunteer's own records, newest service first (how many there are: `hoursSummary`'s counts). */
export async function volunteerRecords(tx: Tx, tenantId: string, userId: string, page: number, pageSize: number): Promise<OwnRecordRow[]> {
  // The order is the index's (service_records_volunteer, read backwards): a page reads its rows, not the volunteer's all.
  return ownRecordsPage(tx, { tenantId, userId, limit: pageSize, offset: (page - 1) * pageSize }) as Promise<OwnRecordRow[]>;
}

// Built once (as the count above): the volunteer's hours page reads them on every request.
const ownRecordsPage = selectBuiltOnce((tx) =>
  tx
      .select({
        id: serviceRecords.id,
        status: serviceRecords.status,
        startedAt: serviceRecords.startedAt,
        minutes: serviceRecords.minutes,
        claimedMinutes: serviceRecords.claimedMinutes,
        rejectionReason: serviceRecords.rejectionReason,
        revocationReason: serviceRecords.revocationReason,
        disputeReason: serviceRecords.disputeReason,
        disputeAnswer: serviceRecords.disputeAnswer,
        organisationName: organisations.name,
        projectName: projects.name,
        activityTitle: activities.title,
      })
      .from(serviceRecords)
      .innerJoin(organisations, joinOrganisation)
      .innerJoin(projects, joinProject)
      .leftJoin(activities, joinActivity)
      .where(and(eq(serviceRecords.tenantId, sql.placeholder('tenantId')), eq(serviceRecords.volunteerUserId, sql.placeholder('userId'))))
      .orderBy(desc(serviceRecords.startedAt), desc(serviceRecords.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset')),
);

const decider = aliasedTable(users, 'decider');
const revoker = aliasedTable(users, 'revoker');
const evaluator = aliasedTable(users, 'evaluator');
const answerer = aliasedTable(users, 'answerer');
const personOf = (t: typeof users, column: AnyPgColumn) => and(eq(t.tenantId, serviceRecords.tenantId), eq(t.id, column));

export type RecordDetail = {
  record: ServiceRecord;
  volunteerName: string;
  volunteerNumber: string | null;
  organisationName: string;
  projectName: string;
  activityTitle: string | null;
  decidedByName: string | null;
  revokedByName: string | null;
  evaluatedByName: string | null;
  disputeAnsweredByName: string | null;
};

/** One record of this city with the names of everyone and everything it refers to. */
export async function findRecord(tx: Tx, tenantId: string, recordId: string): Promise<RecordDetail | null> {
  const [row] = await tx
    .select({
      record: serviceRecords,
      volunteerName,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      organisationName: organisations.name,
      projectName: projects.name,
      activityTitle: activities.title,
      decidedByName: decider.name,
      revokedByName: revoker.name,
      evaluatedByName: evaluator.name,
      disputeAnsweredByName: answerer.name,
    })
    .from(serviceRecords)
    .innerJoin(users, joinVolunteer)
    .leftJoin(volunteerProfiles, joinProfile)
    .innerJoin(organisations, joinOrganisation)
    .innerJoin(projects, joinProject)
    .leftJoin(activities, joinActivity)
    .leftJoin(decider, personOf(decider, serviceRecords.decidedBy))
    .leftJoin(revoker, personOf(revoker, serviceRecords.revokedBy))
    .leftJoin(evaluator, personOf(evaluator, serviceRecords.evaluatedBy))
    .leftJoin(answerer, personOf(answerer, serviceRecords.disputeAnsweredBy))
    .where(and(inCity(tenantId), eq(serviceRecords.id, recordId)));
  return row ?? null;
}

/** What the viewer may do with one record. */
export type RecordRights = { owner: boolean; verifier: boolean; overseer: boolean };

export type RecordAccess = { ok: true; detail: RecordDetail; rights: RecordRights } | { ok: false; reason: 'not_found' | 'forbidden' };

/** The record if the viewer is its volunteer, a verifier of its organisation, or a city overseer. */
export async function recordAccess(tx: Tx, tenantId: string, recordId: string, userId: string, oversee: boolean): Promise<RecordAccess> {
  const detail = await findRecord(tx, tenantId, recordId);
  if (!detail) return { ok: false, reason: 'not_found' };
  const role = await memberRole(tx, tenantId, detail.record.organisationId, userId);
  const owner = detail.record.volunteerUserId === userId;
  // Nobody verifies or evaluates their own service, whatever their role.
  const rights = { owner, verifier: !owner && role !== null && MAY_VERIFY_HOURS.includes(role), overseer: oversee };
  if (!rights.owner && !rights.verifier && !rights.overseer) return { ok: false, reason: 'forbidden' };
  return { ok: true, detail, rights };
}

export const hasOpenDispute = (r: Pick<ServiceRecord, 'disputeReason' | 'disputeAnswer'>) => r.disputeReason !== null && r.disputeAnswer === null;
