import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { users } from '../../db/schema/identity.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { spotCheckItems, spotChecks } from './schema.ts';
import { serviceRecords } from '../records/schema.ts';
import type { SpotCheckOutcome } from './schema.ts';
import type { ServiceRecordStatus } from '../records/schema.ts';
import { DAY_MS, parseLocalDate } from '../shared/time.ts';

/**
 * The city's spot checks: a reproducible random sample of verified service
 * records of a period, each then marked confirmed or problem by a city admin.
 */

export const MAX_SAMPLE_SIZE = 500;

export type SpotCheck = typeof spotChecks.$inferSelect;
export type DrawInput = { from: string; to: string; sampleSize: number; seed: string | null; createdBy: string; address?: string | null };
export type DrawResult = { ok: true; id: string; seed: string; drawn: number; population: number } | { ok: false; reason: 'empty' };

/** A seed nobody chose: 12 hex characters from the system's random source. */
export function randomSeed(): string {
  return randomBytes(6).toString('hex');
}

/**
 * The population is the city's verified records whose service started within the
 * period (China dates, both days included). They are ordered by
 * SHA-256(seed + ':' + record id) and the first `sampleSize` are taken, so anyone
 * with the seed can re-draw the same sample. Postgres computes the hash
 * (its built-in sha256), so a large period never travels to the app.
 */
export async function drawSpotCheck(tx: Tx, tenantId: string, input: DrawInput, now = new Date()): Promise<DrawResult> {
  const start = parseLocalDate(input.from);
  const end = parseLocalDate(input.to);
  if (!start || !end || end < start || input.sampleSize < 1 || input.sampleSize > MAX_SAMPLE_SIZE) throw new Error('invalid spot check input');
  const seed = input.seed ?? randomSeed();
  const rank = sql`sha256(convert_to(${seed} || ':' || ${serviceRecords.id}::text, 'UTF8'))`;
  const rows = await tx
    .select({ id: serviceRecords.id, population: sql<number>`(count(*) over ())::int` })
    .from(serviceRecords)
    .where(
      and(
        eq(serviceRecords.tenantId, tenantId),
        eq(serviceRecords.status, 'verified'),
        gte(serviceRecords.startedAt, start),
        lt(serviceRecords.startedAt, new Date(end.getTime() + DAY_MS)),
      ),
    )
    .orderBy(rank, serviceRecords.id)
    .limit(input.sampleSize);
  if (rows.length === 0) return { ok: false, reason: 'empty' };
  const population = rows[0]!.population;
  const id = newId();
  await tx.insert(spotChecks).values({
    tenantId,
    id,
    periodFrom: input.from,
    periodTo: input.to,
    seed,
    sampleSize: rows.length,
    population,
    createdBy: input.createdBy,
    createdAt: now,
  });
  await tx.insert(spotCheckItems).values(rows.map((r, i) => ({ tenantId, spotCheckId: id, recordId: r.id, position: i + 1 })));
  await recordAudit(tx, tenantId, {
    actor: `user:${input.createdBy}`,
    action: 'spot_check.drawn',
    target: `spot_check:${id}`,
    address: input.address ?? null,
    detail: { from: input.from, to: input.to, seed, requested: input.sampleSize, drawn: rows.length, population },
  });
  return { ok: true, id, seed, drawn: rows.length, population };
}

const creator = alias(users, 'creator');
const tally = (outcome: SpotCheckOutcome) => sql<number>`(count(${spotCheckItems.recordId}) filter (where ${spotCheckItems.outcome} = ${outcome}))::int`;

export type SpotCheckSummary = SpotCheck & { creatorName: string; confirmed: number; problems: number; unchecked: number };

/** The city's spot checks, newest first, with how far each has been checked. */
export async function listSpotChecks(tx: Tx, tenantId: string, page: number, pageSize: number): Promise<{ rows: SpotCheckSummary[]; total: number }> {
  const [total] = await tx.select({ n: count() }).from(spotChecks).where(eq(spotChecks.tenantId, tenantId));
  const rows = await tx
    .select({ check: spotChecks, creatorName: creator.name, confirmed: tally('confirmed'), problems: tally('problem'), unchecked: tally('unchecked') })
    .from(spotChecks)
    .innerJoin(creator, and(eq(creator.tenantId, spotChecks.tenantId), eq(creator.id, spotChecks.createdBy)))
    .leftJoin(spotCheckItems, and(eq(spotCheckItems.tenantId, spotChecks.tenantId), eq(spotCheckItems.spotCheckId, spotChecks.id)))
    .where(eq(spotChecks.tenantId, tenantId))
    .groupBy(spotChecks.tenantId, spotChecks.id, creator.name)
    .orderBy(desc(spotChecks.createdAt), desc(spotChecks.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: rows.map(({ check, ...r }) => ({ ...check, ...r })), total: total?.n ?? 0 };
}

export async function findSpotCheck(tx: Tx, tenantId: string, id: string): Promise<(SpotCheck & { creatorName: string }) | null> {
  const [row] = await tx
    .select({ check: spotChecks, creatorName: creator.name })
    .from(spotChecks)
    .innerJoin(creator, and(eq(creator.tenantId, spotChecks.tenantId), eq(creator.id, spotChecks.createdBy)))
    .where(and(eq(spotChecks.tenantId, tenantId), eq(spotChecks.id, id)));
  return row ? { ...row.check, creatorName: row.creatorName } : null;
}

/** One sampled record as the checker sees it: who, where, when, how long, its status now and the check. */
export type SampleItem = {
  position: number;
  recordId: string;
  outcome: SpotCheckOutcome;
  note: string;
  checkedAt: Date | null;
  checkerName: string | null;
  volunteerName: string;
  volunteerNumber: string | null;
  organisationName: string;
  projectName: string;
  activityTitle: string | null;
  startedAt: Date;
  minutes: number;
  status: ServiceRecordStatus;
};

const checker = alias(users, 'checker');
const volunteer = alias(users, 'volunteer');

/** The sample in drawing order; with `recordId`, that one item only. */
export async function sampleItems(tx: Tx, tenantId: string, spotCheckId: string, recordId?: string): Promise<SampleItem[]> {
  const r = serviceRecords;
  return tx
    .select({
      position: spotCheckItems.position,
      recordId: spotCheckItems.recordId,
      outcome: spotCheckItems.outcome,
      note: spotCheckItems.note,
      checkedAt: spotCheckItems.checkedAt,
      checkerName: checker.name,
      volunteerName: sql<string>`coalesce(${volunteerProfiles.realName}, ${volunteer.name})`,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      organisationName: organisations.name,
      projectName: projects.name,
      activityTitle: activities.title,
      startedAt: r.startedAt,
      minutes: r.minutes,
      status: r.status,
    })
    .from(spotCheckItems)
    .innerJoin(r, and(eq(r.tenantId, spotCheckItems.tenantId), eq(r.id, spotCheckItems.recordId)))
    .innerJoin(volunteer, and(eq(volunteer.tenantId, r.tenantId), eq(volunteer.id, r.volunteerUserId)))
    .leftJoin(volunteerProfiles, and(eq(volunteerProfiles.tenantId, r.tenantId), eq(volunteerProfiles.userId, r.volunteerUserId)))
    .innerJoin(organisations, and(eq(organisations.tenantId, r.tenantId), eq(organisations.id, r.organisationId)))
    .innerJoin(projects, and(eq(projects.tenantId, r.tenantId), eq(projects.id, r.projectId)))
    .leftJoin(activities, and(eq(activities.tenantId, r.tenantId), eq(activities.id, r.activityId)))
    .leftJoin(checker, and(eq(checker.tenantId, spotCheckItems.tenantId), eq(checker.id, spotCheckItems.checkedBy)))
    .where(
      and(
        eq(spotCheckItems.tenantId, tenantId),
        eq(spotCheckItems.spotCheckId, spotCheckId),
        recordId ? eq(spotCheckItems.recordId, recordId) : undefined,
      ),
    )
    .orderBy(asc(spotCheckItems.position));
}

export type MarkInput = { outcome: 'confirmed' | 'problem'; note: string; checkerId: string; address?: string | null };

/** Records the checker's finding on one sampled record; a later finding replaces an earlier one. */
export async function markSpotCheckItem(
  tx: Tx,
  tenantId: string,
  spotCheckId: string,
  recordId: string,
  input: MarkInput,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'note_required' }> {
  if (input.outcome === 'problem' && input.note.trim() === '') return { ok: false, reason: 'note_required' };
  const updated = await tx
    .update(spotCheckItems)
    .set({ outcome: input.outcome, note: input.note.trim(), checkedBy: input.checkerId, checkedAt: now })
    .where(and(eq(spotCheckItems.tenantId, tenantId), eq(spotCheckItems.spotCheckId, spotCheckId), eq(spotCheckItems.recordId, recordId)))
    .returning({ position: spotCheckItems.position });
  if (updated.length === 0) return { ok: false, reason: 'not_found' };
  await recordAudit(tx, tenantId, {
    actor: `user:${input.checkerId}`,
    action: 'spot_check.item_checked',
    target: `spot_check:${spotCheckId}`,
    address: input.address ?? null,
    detail: { recordId, outcome: input.outcome, note: input.note.trim() },
  });
  return { ok: true };
}

/** What the report states; the problem rate is over the records checked so far, in whole percent. */
export type SpotCheckReport = {
  confirmed: number;
  problems: number;
  unchecked: number;
  /** Rounded half up; null while nothing has been checked. */
  problemRate: number | null;
  sampledMinutes: number;
  revokedSince: number;
};

export function reportOf(items: readonly SampleItem[]): SpotCheckReport {
  const confirmed = items.filter((i) => i.outcome === 'confirmed').length;
  const problems = items.filter((i) => i.outcome === 'problem').length;
  const checked = confirmed + problems;
  return {
    confirmed,
    problems,
    unchecked: items.length - checked,
    problemRate: checked === 0 ? null : Math.floor((problems * 200 + checked) / (2 * checked)),
    sampledMinutes: items.reduce((sum, i) => sum + i.minutes, 0),
    revokedSince: items.filter((i) => i.status === 'revoked').length,
  };
}
