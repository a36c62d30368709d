import { and, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/service.ts';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { users } from '../../db/schema/identity.ts';
import { organisationAccess, MAY_MANAGE_MEMBERS } from '../volunteers/members.ts';
import { createProject } from './service.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { needs } from './schema.ts';
import { DAY_MS, parseLocalDate, toLocalDateInput } from '../shared/time.ts';

export type Need = typeof needs.$inferSelect;
export type NeedInput = { help: string; district: string; place: string; wantedWhen: string; contact: string };

export async function postNeed(tx: Tx, tenantId: string, postedBy: string, input: NeedInput): Promise<string> {
  const id = newId();
  await tx.insert(needs).values({ tenantId, id, postedBy, ...input });
  return id;
}

/** Residents' contact details are for organisations only: members of an approved one, or city reviewers. */
export async function mayReadNeeds(tx: Tx, tenantId: string, userId: string, isReviewer: boolean): Promise<boolean> {
  if (isReviewer) return true;
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisationMembers)
    .innerJoin(organisations, and(eq(organisations.tenantId, organisationMembers.tenantId), eq(organisations.id, organisationMembers.organisationId)))
    .where(and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId), eq(organisations.status, 'approved')))
    .limit(1);
  return row !== undefined;
}

/** Open needs, newest first, with who posted them. */
export async function listOpenNeeds(tx: Tx, tenantId: string, page: number, pageSize: number) {
  const where = and(eq(needs.tenantId, tenantId), eq(needs.status, 'open'));
  const [total] = await tx.select({ n: count() }).from(needs).where(where);
  const rows = await tx
    .select({ need: needs, postedByName: users.name })
    .from(needs)
    .innerJoin(users, and(eq(users.tenantId, needs.tenantId), eq(users.id, needs.postedBy)))
    .where(where)
    .orderBy(desc(needs.createdAt), desc(needs.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** Organisations this user administers (approved), which may take a need up. */
export async function organisationsAdministeredBy(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, and(eq(organisations.tenantId, organisationMembers.tenantId), eq(organisations.id, organisationMembers.organisationId)))
    .where(
      and(eq(organisationMembers.tenantId, tenantId), eq(organisationMembers.userId, userId), eq(organisationMembers.role, 'org_admin'), eq(organisations.status, 'approved')),
    )
    .orderBy(organisations.name);
}

export type TakeNeedResult = { ok: true; projectId: string } | { ok: false; reason: 'not_found' | 'forbidden' | 'taken' };

/**
 * An organisation takes a need up: a draft project is made from it (to be
 * completed by the organisation), and the need leaves the open list.
 */
export async function takeNeed(
  tx: Tx,
  tenantId: string,
  needId: string,
  organisationId: string,
  actor: { userId: string; address: string | null },
): Promise<TakeNeedResult> {
  const [need] = await tx.select().from(needs).where(and(eq(needs.tenantId, tenantId), eq(needs.id, needId))).for('update');
  if (!need) return { ok: false, reason: 'not_found' };
  const access = await organisationAccess(tx, tenantId, organisationId, actor.userId, MAY_MANAGE_MEMBERS);
  if (!access.ok) return { ok: false, reason: access.reason === 'not_found' ? 'not_found' : 'forbidden' };
  if (need.status !== 'open') return { ok: false, reason: 'taken' };
  const today = parseLocalDate(toLocalDateInput(new Date()))!;
  const projectId = await createProject(tx, tenantId, organisationId, actor.userId, {
    needId,
    name: need.help.slice(0, 60),
    category: 'community_service',
    targetGroups: ['residents'],
    district: need.district,
    startsOn: today,
    endsOn: new Date(today.getTime() + 30 * DAY_MS),
    place: need.place,
    contact: access.organisation.contactPhone,
    volunteersWanted: 1,
    description: `${need.help}\n${need.wantedWhen}`,
  });
  await tx
    .update(needs)
    .set({ status: 'taken', takenByOrganisationId: organisationId, takenAt: new Date() })
    .where(and(eq(needs.tenantId, tenantId), eq(needs.id, needId)));
  await recordAudit(tx, tenantId, {
    actor: `user:${actor.userId}`,
    action: 'need.taken',
    target: `need:${needId}`,
    address: actor.address,
    detail: { organisation: organisationId, project: projectId },
  });
  return { ok: true, projectId };
}
