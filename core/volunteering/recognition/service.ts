import { and, desc, eq, inArray } from 'drizzle-orm';
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

/** What an organisation recorded, newest first, with the volunteer's number. */
export async function organisationRecognition(tx: Tx, tenantId: string, organisationId: string) {
  const volunteer = and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, volunteerTrainings.volunteerUserId));
  const trainings = await tx
    .select({ id: volunteerTrainings.id, title: volunteerTrainings.title, heldOn: volunteerTrainings.heldOn, minutes: volunteerTrainings.minutes, volunteerNumber: volunteerProfiles.volunteerNumber, volunteerName: volunteerProfiles.realName })
    .from(volunteerTrainings)
    .innerJoin(volunteerProfiles, volunteer)
    .where(and(eq(volunteerTrainings.tenantId, tenantId), eq(volunteerTrainings.organisationId, organisationId)))
    .orderBy(desc(volunteerTrainings.heldOn), desc(volunteerTrainings.id))
    .limit(RECENT);
  const commendations = await tx
    .select({ id: volunteerCommendations.id, title: volunteerCommendations.title, awardedBy: volunteerCommendations.awardedBy, awardedOn: volunteerCommendations.awardedOn, volunteerNumber: volunteerProfiles.volunteerNumber, volunteerName: volunteerProfiles.realName })
    .from(volunteerCommendations)
    .innerJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, tenantId), eq(volunteerProfiles.userId, volunteerCommendations.volunteerUserId)))
    .where(and(eq(volunteerCommendations.tenantId, tenantId), eq(volunteerCommendations.organisationId, organisationId)))
    .orderBy(desc(volunteerCommendations.awardedOn), desc(volunteerCommendations.id))
    .limit(RECENT);
  return { trainings, commendations };
}

/** A volunteer's training and commendations, newest first, with the organisation that recorded each. */
export async function volunteerRecognition(tx: Tx, tenantId: string, volunteerUserId: string) {
  const trainings = await tx
    .select({ id: volunteerTrainings.id, title: volunteerTrainings.title, heldOn: volunteerTrainings.heldOn, minutes: volunteerTrainings.minutes, organisation: organisations.name })
    .from(volunteerTrainings)
    .innerJoin(organisations, and(eq(organisations.tenantId, volunteerTrainings.tenantId), eq(organisations.id, volunteerTrainings.organisationId)))
    .where(and(eq(volunteerTrainings.tenantId, tenantId), eq(volunteerTrainings.volunteerUserId, volunteerUserId)))
    .orderBy(desc(volunteerTrainings.heldOn), desc(volunteerTrainings.id))
    .limit(RECENT);
  const commendations = await tx
    .select({ id: volunteerCommendations.id, title: volunteerCommendations.title, awardedBy: volunteerCommendations.awardedBy, awardedOn: volunteerCommendations.awardedOn, organisation: organisations.name })
    .from(volunteerCommendations)
    .innerJoin(organisations, and(eq(organisations.tenantId, volunteerCommendations.tenantId), eq(organisations.id, volunteerCommendations.organisationId)))
    .where(and(eq(volunteerCommendations.tenantId, tenantId), eq(volunteerCommendations.volunteerUserId, volunteerUserId)))
    .orderBy(desc(volunteerCommendations.awardedOn), desc(volunteerCommendations.id))
    .limit(RECENT);
  return { trainings, commendations };
}
