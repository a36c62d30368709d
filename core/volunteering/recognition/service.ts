import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, SelectedFields } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { organisations } from '../organisations/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { volunteerCommendations, volunteerTrainings } from './schema.ts';

/**
 * Training sessions and commendations, recorded by an organisation's verifiers
 * for volunteers they name by volunteer number: the parts of the 办法's record
 * besides service. Rows are never edited; a mistake is the organisation's to note.
 */
export type Training = { title: string; heldOn: string; minutes: number };
export type Commendation = { title: string; awardedBy: string; awardedOn: string };
type Recorder = { organisationId: string; userId: string; address: string | null };

export type Named = { ok: true; userIds: string[] } | { ok: false; unknown: string[] };

/** The volunteers of the city with these numbers; the numbers no volunteer has, if any. */
export async function volunteersNumbered(tx: Tx, tenantId: string, numbers: readonly string[]): Promise<Named> {
  if (numbers.length === 0) return { ok: true, userIds: [] };
  const rows = await tx
    .select({ userId: volunteerProfiles.userId, number: volunteerProfiles.volunteerNumber })
    .from(volunteerProfiles)
    .where(and(eq(volunteerProfiles.tenantId, tenantId), inArray(volunteerProfiles.volunteerNumber, [...numbers])));
  const found = new Map(rows.map((r) => [r.number, r.userId]));
  const unknown = numbers.filter((n) => !found.has(n));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, userIds: [...new Set(numbers.map((n) => found.get(n)!))] };
}

export async function recordTraining(tx: Tx, tenantId: string, volunteerUserIds: readonly string[], training: Training, by: Recorder): Promise<void> {
  await tx.insert(volunteerTrainings).values(
    volunteerUserIds.map((volunteerUserId) => ({ tenantId, id: newId(), organisationId: by.organisationId, volunteerUserId, ...training, recordedBy: by.userId })),
  );
  await recordAudit(tx, tenantId, { actor: `user:${by.userId}`, action: 'training.recorded', target: `organisation:${by.organisationId}`, address: by.address, detail: { title: training.title, heldOn: training.heldOn, volunteers: volunteerUserIds.length } });
}

export async function recordCommendation(tx: Tx, tenantId: string, volunteerUserIds: readonly string[], commendation: Commendation, by: Recorder): Promise<void> {
  await tx.insert(volunteerCommendations).values(
    volunteerUserIds.map((volunteerUserId) => ({ tenantId, id: newId(), organisationId: by.organisationId, volunteerUserId, ...commendation, recordedBy: by.userId })),
  );
  await recordAudit(tx, tenantId, { actor: `user:${by.userId}`, action: 'commendation.recorded', target: `organisation:${by.organisationId}`, address: by.address, detail: { title: commendation.title, awardedOn: commendation.awardedOn, volunteers: volunteerUserIds.length } });
}

/** Most rows of each kind an organisation's page or a volunteer's record lists. */
export const RECENT = 100;

type Recognised = typeof volunteerTrainings | typeof volunteerCommendations;
/** A list's other side: the volunteer (on an organisation's page) or the organisation (on a volunteer's record). */
type Side<F extends SelectedFields> = { fields: F; table: PgTable; on: (t: Recognised) => SQL | undefined; where: (t: Recognised) => SQL };

const TRAININGS = { table: volunteerTrainings, date: volunteerTrainings.heldOn, fields: { heldOn: volunteerTrainings.heldOn, minutes: volunteerTrainings.minutes } };
const COMMENDATIONS = { table: volunteerCommendations, date: volunteerCommendations.awardedOn, fields: { awardedBy: volunteerCommendations.awardedBy, awardedOn: volunteerCommendations.awardedOn } };

/** The one list query of both kinds: its own fields and the other side's, newest first by the kind's date, at most RECENT. */
function recent<Own extends SelectedFields, Other extends SelectedFields>(tx: Tx, tenantId: string, kind: { table: Recognised; date: AnyPgColumn; fields: Own }, side: Side<Other>) {
  const { table } = kind;
  return tx
    .select({ id: table.id, title: table.title, ...kind.fields, ...side.fields })
    .from(table)
    .innerJoin(side.table, side.on(table))
    .where(and(eq(table.tenantId, tenantId), side.where(table)))
    .orderBy(desc(kind.date), desc(table.id))
    .limit(RECENT);
}

/** What an organisation recorded, newest first, with the volunteer's number. */
export async function organisationRecognition(tx: Tx, tenantId: string, organisationId: string) {
  const volunteer: Side<{ volunteerNumber: typeof volunteerProfiles.volunteerNumber; volunteerName: typeof volunteerProfiles.realName }> = {
    fields: { volunteerNumber: volunteerProfiles.volunteerNumber, volunteerName: volunteerProfiles.realName },
    table: volunteerProfiles,
    on: (t) => and(eq(volunteerProfiles.tenantId, t.tenantId), eq(volunteerProfiles.userId, t.volunteerUserId)),
    where: (t) => eq(t.organisationId, organisationId),
  };
  return { trainings: await recent(tx, tenantId, TRAININGS, volunteer), commendations: await recent(tx, tenantId, COMMENDATIONS, volunteer) };
}

/** A volunteer's training and commendations, newest first, with the organisation that recorded each. */
export async function volunteerRecognition(tx: Tx, tenantId: string, volunteerUserId: string) {
  const organisation: Side<{ organisation: typeof organisations.name }> = {
    fields: { organisation: organisations.name },
    table: organisations,
    on: (t) => and(eq(organisations.tenantId, t.tenantId), eq(organisations.id, t.organisationId)),
    where: (t) => eq(t.volunteerUserId, volunteerUserId),
  };
  return { trainings: await recent(tx, tenantId, TRAININGS, organisation), commendations: await recent(tx, tenantId, COMMENDATIONS, organisation) };
}
