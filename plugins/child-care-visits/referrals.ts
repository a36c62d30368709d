import { and, desc, eq } from 'drizzle-orm';
import { newId, type CityWork } from '../../core/plugin-api.ts';
import { can, type Viewer } from './access.ts';
import { logAccess } from './access-log.ts';
import { children, referrals, type ReferralKind } from './schema.ts';

export type Referral = typeof referrals.$inferSelect;

/**
 * Escalates a child's case to the supervising social worker with a referral
 * (psychological support, assistance, the police): the director or the supervisor.
 */
export async function raiseReferral(w: CityWork, viewer: Viewer, childId: string, input: { kind: ReferralKind; reason: string }, now = new Date()): Promise<{ ok: true; id: string } | { ok: false }> {
  const { tx, tenantId } = w;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || !can(viewer, 'refer', child)) return { ok: false };
  const id = newId();
  await tx.insert(referrals).values({ tenantId, id, childId, ...input, raisedBy: viewer.id, raisedAt: now });
  await logAccess(w, viewer.id, childId, 'referral_raised', now);
  return { ok: true, id };
}

/** A child's referrals, newest first: shown only inside a record already read (and logged). */
export async function referralsOf(w: CityWork, childId: string): Promise<Referral[]> {
  const { tx, tenantId } = w;
  return tx.select().from(referrals).where(and(eq(referrals.tenantId, tenantId), eq(referrals.childId, childId))).orderBy(desc(referrals.raisedAt));
}
