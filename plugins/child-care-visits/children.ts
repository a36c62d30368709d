import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import { newId, toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { can, type ChildAction, MAY_SUPERVISE, MAY_VISIT, type Viewer } from './access.ts';
import { logAccess } from './access-log.ts';
import { childDetails, children, consents, supervisorDistricts, type Category, type RiskLevel } from './schema.ts';

/**
 * The child register. Every read and write of a child's record passes through
 * this file, which asks `can` and writes the chained access log.
 */

export type Child = typeof children.$inferSelect;
export type Consent = typeof consents.$inferSelect;
export type Details = typeof childDetails.$inferSelect;

export type RegisterInput = {
  name: string;
  category: Category;
  district: string;
  village: string;
  riskLevel: RiskLevel;
  riskReasons: string;
  reviewOn: string;
  directorId: string;
  consent: { givenBy: string; relation: string; purposes: string; givenOn: string } | null;
  details: { guardianName: string; guardianPhone: string; address: string; school: string; needs: string } | null;
};

/** The viewer's permissions with the districts they supervise. */
export async function viewerOf(w: CityWork, user: { id: string }, permissions: ReadonlySet<string>): Promise<Viewer> {
  const { tx, tenantId } = w;
  const rows = permissions.has(MAY_SUPERVISE)
    ? await tx.select({ district: supervisorDistricts.district }).from(supervisorDistricts).where(and(eq(supervisorDistricts.tenantId, tenantId), eq(supervisorDistricts.userId, user.id)))
    : [];
  return { id: user.id, permissions, districts: new Set(rows.map((r) => r.district)) };
}

export async function assignSupervisorDistrict(w: CityWork, adminId: string, userId: string, district: string): Promise<void> {
  const { tx, tenantId } = w;
  await tx.insert(supervisorDistricts).values({ tenantId, userId, district }).onConflictDoNothing();
  await w.audit({ actor: `user:${adminId}`, action: 'child-care-visits.supervisor_assigned', target: `user:${userId}`, detail: { district } });
}

export type RegisterResult = { ok: true; id: string } | { ok: false; reason: 'not_allowed' | 'consent_required' | 'unknown_district' };

/** Registers a child; details beyond the minimum only with the guardian's consent, which is stored first. */
export async function registerChild(w: CityWork, viewer: Viewer, input: RegisterInput, now = new Date()): Promise<RegisterResult> {
  if (input.details && !input.consent) return { ok: false, reason: 'consent_required' };
  if (!(await w.districts()).includes(input.district)) return { ok: false, reason: 'unknown_district' };
  if (!can(viewer, 'register', { directorId: input.directorId, district: input.district, status: 'active' })) return { ok: false, reason: 'not_allowed' };
  const { tx, tenantId } = w;
  const id = newId();
  const { consent, details, ...minimum } = input;
  await tx.insert(children).values({ tenantId, id, ...minimum, registeredOn: toLocalDateInput(now), createdBy: viewer.id });
  if (consent) await tx.insert(consents).values({ tenantId, childId: id, ...consent, recordedBy: viewer.id });
  if (details) await tx.insert(childDetails).values({ tenantId, childId: id, ...details });
  await logAccess(w, viewer.id, id, 'registered', now);
  return { ok: true, id };
}

export type ChildRecord = { child: Child; consent: Consent | null; details: Details | null };

/**
 * A child's record for this viewer, logged as a read; null when they may not
 * know it exists (a route answers 404).
 */
export async function readChild(w: CityWork, viewer: Viewer, childId: string, action: ChildAction = 'read', now = new Date()): Promise<ChildRecord | null> {
  const { tx, tenantId } = w;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || !can(viewer, 'read', child) || !can(viewer, action, child)) return null;
  const [consent] = await tx.select().from(consents).where(and(eq(consents.tenantId, tenantId), eq(consents.childId, childId)));
  const [details] = await tx.select().from(childDetails).where(and(eq(childDetails.tenantId, tenantId), eq(childDetails.childId, childId)));
  await logAccess(w, viewer.id, childId, 'read', now);
  return { child, consent: consent ?? null, details: details ?? null };
}

/** The active children this viewer may see, as a condition on `children`: a director's assigned ones, a supervisor's districts'; null when none. */
export function visibleWhere(w: CityWork, viewer: Viewer): SQL | null {
  const districts = [...viewer.districts];
  const mine = viewer.permissions.has(MAY_VISIT) ? eq(children.directorId, viewer.id) : undefined;
  const supervised = viewer.permissions.has(MAY_SUPERVISE) && districts.length > 0 ? inArray(children.district, districts) : undefined;
  if (!mine && !supervised) return null;
  return and(eq(children.tenantId, w.tenantId), eq(children.status, 'active'), or(mine, supervised))!;
}

/** The active children this viewer may see (`visibleWhere`), each one `can` read. */
export async function visibleChildren(w: CityWork, viewer: Viewer): Promise<Child[]> {
  const where = visibleWhere(w, viewer);
  return where ? mayRead(viewer, await w.tx.select().from(children).where(where)) : [];
}

/** The children of `list` this viewer may read (`can`, the one place that decides). */
export const mayRead = <C extends Pick<Child, 'directorId' | 'district' | 'status'>>(viewer: Viewer, list: C[]): C[] => list.filter((c) => can(viewer, 'read', c));

/** Which supervisor oversees which district. */
export async function supervisorAssignments(w: CityWork): Promise<{ userId: string; district: string }[]> {
  const { tx, tenantId } = w;
  return tx.select({ userId: supervisorDistricts.userId, district: supervisorDistricts.district }).from(supervisorDistricts).where(eq(supervisorDistricts.tenantId, tenantId)).orderBy(supervisorDistricts.district);
}
