import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { CityEvents } from '../../plugins/events.ts';
import { findOrganisation, organisationsOfUser } from '../organisations/service.ts';
import { projects } from '../projects/schema.ts';
import type { ProjectCategory } from '../shared/catalogue.ts';
import { parseLocalDate, toLocalDateInput } from '../shared/time.ts';
import { ledgerTransfers } from '../../ledger/schema.ts';
import { serviceRecords } from './schema.ts';
import { MAX_RECORD_MINUTES, revokeRecord, verifyRecords } from './verification.ts';

/**
 * Service a plugin witnessed (a lawyer's consultation, a caring parent's visit),
 * recorded and verified in one step by the member the plugin names: it posts to
 * the ledger, tells plugins (`service.verified`), tells the volunteer and counts
 * on certificates like any other record. Each lives under a programme project of
 * the organisation, made on first use; that project takes no sign-ups.
 */

/** The project a plugin's service is recorded under, one per organisation. */
export type Programme = {
  /** Stable within the plugin (`lawyer-service`). */
  key: string;
  /** As certificates and lists name it, in the city's language. */
  name: string;
  category: ProjectCategory;
  description: string;
};

export type WitnessedService = {
  /** Unique within the plugin: recording the same key again changes nothing. */
  key: string;
  volunteerUserId: string;
  organisationId: string;
  programme: Programme;
  startedAt: Date;
  /** Whole minutes, 1 to a day's 1,440. */
  minutes: number;
  /** What was done (服务内容); no personal detail of whoever was served. */
  content: string;
  /** Who verifies (the plugin has checked they may); the audit log names them. */
  verifiedBy: string;
  address: string | null;
};

export type RecordWitnessedResult =
  | { ok: true; recordId: string; created: boolean }
  | { ok: false; reason: 'organisation_not_approved' | 'bad_minutes' };

export type PluginOrganisation = { id: string; name: string };

/** Approved organisations the member belongs to (a lawyer's firm), for the plugin to record their service under. */
export async function approvedOrganisationsOf(tx: Tx, tenantId: string, userId: string): Promise<PluginOrganisation[]> {
  const rows = await organisationsOfUser(tx, tenantId, userId);
  return rows.filter((r) => r.role !== null && r.organisation.status === 'approved').map((r) => ({ id: r.organisation.id, name: r.organisation.name }));
}

async function programmeProject(tx: Tx, tenantId: string, pluginId: string, organisation: { id: string; district: string; contactPhone: string }, programme: Programme, createdBy: string) {
  const programmeKey = `${pluginId}:${programme.key}`;
  const where = and(eq(projects.tenantId, tenantId), eq(projects.organisationId, organisation.id), eq(projects.programmeKey, programmeKey));
  const [found] = await tx.select({ id: projects.id }).from(projects).where(where);
  if (found) return found.id;
  const today = parseLocalDate(toLocalDateInput(new Date()))!;
  const [made] = await tx
    .insert(projects)
    .values({
      tenantId,
      id: newId(),
      organisationId: organisation.id,
      programmeKey,
      name: programme.name,
      category: programme.category,
      description: programme.description,
      targetGroups: [],
      district: organisation.district,
      place: '',
      contact: organisation.contactPhone,
      volunteersWanted: 1,
      startsOn: today,
      endsOn: today,
      // Closed from the start: service is recorded by the plugin, never signed up for.
      status: 'closed',
      closedAt: new Date(),
      createdBy,
    })
    // Two recordings at once: the second finds the first's project.
    .onConflictDoNothing({ target: [projects.tenantId, projects.organisationId, projects.programmeKey], where: isNotNull(projects.programmeKey) })
    .returning({ id: projects.id });
  if (made) return made.id;
  const [again] = await tx.select({ id: projects.id }).from(projects).where(where);
  return again!.id;
}

async function findKeyed(tx: Tx, tenantId: string, pluginId: string, key: string) {
  const [row] = await tx
    .select({ id: serviceRecords.id, organisationId: serviceRecords.organisationId })
    .from(serviceRecords)
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.pluginId, pluginId), eq(serviceRecords.pluginKey, key)));
  return row ?? null;
}

export async function recordWitnessedService(tx: Tx, tenantId: string, pluginId: string, input: WitnessedService, events: CityEvents): Promise<RecordWitnessedResult> {
  const existing = await findKeyed(tx, tenantId, pluginId, input.key);
  if (existing) return { ok: true, recordId: existing.id, created: false };
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_RECORD_MINUTES) return { ok: false, reason: 'bad_minutes' };
  const organisation = await findOrganisation(tx, tenantId, input.organisationId);
  if (organisation?.status !== 'approved') return { ok: false, reason: 'organisation_not_approved' };
  const projectId = await programmeProject(tx, tenantId, pluginId, organisation, input.programme, input.verifiedBy);
  const id = newId();
  const inserted = await tx
    .insert(serviceRecords)
    .values({
      tenantId,
      id,
      volunteerUserId: input.volunteerUserId,
      organisationId: organisation.id,
      projectId,
      source: 'plugin',
      status: 'pending',
      startedAt: input.startedAt,
      endedAt: new Date(input.startedAt.getTime() + input.minutes * 60_000),
      minutes: input.minutes,
      content: input.content,
      createdBy: input.verifiedBy,
      pluginId,
      pluginKey: input.key,
    })
    .onConflictDoNothing({ target: [serviceRecords.tenantId, serviceRecords.pluginId, serviceRecords.pluginKey], where: isNotNull(serviceRecords.pluginId) })
    .returning({ id: serviceRecords.id });
  if (inserted.length === 0) {
    // The same key recorded at this moment by another transaction, which has committed.
    const raced = await findKeyed(tx, tenantId, pluginId, input.key);
    return { ok: true, recordId: raced!.id, created: false };
  }
  await verifyRecords(tx, tenantId, organisation.id, [{ recordId: id }], { deciderId: input.verifiedBy, address: input.address }, events);
  return { ok: true, recordId: id, created: true };
}

/** Takes back service the plugin recorded (the case was entered twice, say): the posting is reversed. False if there is no verified record under the key. */
export async function revokeWitnessedService(
  tx: Tx,
  tenantId: string,
  pluginId: string,
  key: string,
  reason: string,
  decision: { deciderId: string; address: string | null },
  events: CityEvents,
): Promise<boolean> {
  const found = await findKeyed(tx, tenantId, pluginId, key);
  if (!found) return false;
  const result = await revokeRecord(tx, tenantId, found.organisationId, found.id, reason, decision, events);
  return result.ok;
}

/** The chain numbers of the ledger transfers that posted the plugin's verified service under these keys, by key. */
export async function witnessedTransferNumbers(tx: Tx, tenantId: string, pluginId: string, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .select({ key: serviceRecords.pluginKey, seq: ledgerTransfers.seq })
    .from(serviceRecords)
    .innerJoin(ledgerTransfers, and(eq(ledgerTransfers.tenantId, tenantId), eq(ledgerTransfers.id, serviceRecords.transferId)))
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.pluginId, pluginId), inArray(serviceRecords.pluginKey, [...keys]), eq(serviceRecords.status, 'verified')));
  return new Map(rows.map((r) => [r.key!, r.seq]));
}
