import { and, desc, eq, inArray } from 'drizzle-orm';
import { newId, type CityWork } from '../../core/plugin-api.ts';
import { can, type Viewer } from './access.ts';
import { logAccess } from './access-log.ts';
import { childDetails, children, wishes, type AgeBand } from './schema.ts';

/**
 * Micro-wishes (微心愿): the child's director publishes a wish with an alias, an
 * age band and the township; a donor or volunteer claims it and brings the gift
 * to the director, who confirms it reached the child. Only the director's side
 * touches the child's record, and it is written to the access chain.
 */

export type Wish = typeof wishes.$inferSelect;
/** What anyone may see of a wish: never which child, never who published it. */
export type PublicWish = Pick<Wish, 'id' | 'alias' | 'ageBand' | 'district' | 'wish' | 'status' | 'fulfilledAt'>;
export type WishInput = { alias: string; ageBand: AgeBand; wish: string };

const PUBLIC = { id: wishes.id, alias: wishes.alias, ageBand: wishes.ageBand, district: wishes.district, wish: wishes.wish, status: wishes.status, fulfilledAt: wishes.fulfilledAt };

type ChildFacts = { name: string; village: string };
type DetailFacts = { guardianName: string; guardianPhone: string; address: string; school: string } | undefined;

/** What would point at the child if it were published: name, given name, village, school, guardian, address, phone. */
export function identifyingParts(child: ChildFacts, details: DetailFacts): string[] {
  // Chinese names put the surname first; a two-character given name alone is as telling as the full name.
  const given = [...child.name].slice(1).join('');
  const parts = [child.name, given, child.village, details?.guardianName, details?.guardianPhone, details?.address, details?.school];
  return parts.filter((p): p is string => !!p && [...p].length >= 2);
}

export type PublishResult = { ok: true; id: string } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'identifying'; field: 'alias' | 'wish' };

/** Publishes a wish for an open case of the viewer's; refused when the alias or the wish names the child, their village, school, guardian or address. */
export async function publishWish(w: CityWork, viewer: Viewer, childId: string, input: WishInput, now = new Date()): Promise<PublishResult> {
  const { tx, tenantId } = w;
  const [child] = await tx.select().from(children).where(and(eq(children.tenantId, tenantId), eq(children.id, childId)));
  if (!child || !can(viewer, 'publish_wish', child)) return { ok: false, reason: 'not_found' };
  const [details] = await tx.select().from(childDetails).where(and(eq(childDetails.tenantId, tenantId), eq(childDetails.childId, childId)));
  const parts = identifyingParts(child, details);
  for (const field of ['alias', 'wish'] as const) {
    if (parts.some((p) => input[field].includes(p))) return { ok: false, reason: 'identifying', field };
  }
  const id = newId();
  await tx.insert(wishes).values({ tenantId, id, childId, ...input, district: child.district, publishedBy: viewer.id, publishedAt: now });
  await logAccess(w, viewer.id, childId, 'wish_published', now);
  return { ok: true, id };
}

/** The wishes open to claim, newest first, and those fulfilled (shown publicly), newest first. */
export async function publicWishes(w: CityWork): Promise<{ open: PublicWish[]; fulfilled: PublicWish[] }> {
  const { tx, tenantId } = w;
  const rows = await tx.select(PUBLIC).from(wishes).where(and(eq(wishes.tenantId, tenantId), inArray(wishes.status, ['open', 'fulfilled']))).orderBy(desc(wishes.publishedAt));
  return { open: rows.filter((r) => r.status === 'open'), fulfilled: rows.filter((r) => r.status === 'fulfilled') };
}

export type ClaimedWish = PublicWish & { directorId: string };

/** The wishes this person claimed, with the director to bring the gift to. */
export async function claimsOf(w: CityWork, userId: string): Promise<ClaimedWish[]> {
  const { tx, tenantId } = w;
  return tx
    .select({ ...PUBLIC, directorId: children.directorId })
    .from(wishes)
    .innerJoin(children, and(eq(children.tenantId, wishes.tenantId), eq(children.id, wishes.childId)))
    .where(and(eq(wishes.tenantId, tenantId), eq(wishes.claimedBy, userId)))
    .orderBy(desc(wishes.claimedAt));
}

export type AwaitingWish = PublicWish & { claimedBy: string };

/** Claimed wishes of the director's own children, waiting for them to confirm delivery. */
export async function awaitingConfirmation(w: CityWork, viewer: Viewer): Promise<AwaitingWish[]> {
  const { tx, tenantId } = w;
  const rows = await tx
    .select({ ...PUBLIC, claimedBy: wishes.claimedBy, directorId: children.directorId, district: children.district, childStatus: children.status })
    .from(wishes)
    .innerJoin(children, and(eq(children.tenantId, wishes.tenantId), eq(children.id, wishes.childId)))
    .where(and(eq(wishes.tenantId, tenantId), eq(wishes.status, 'claimed'), eq(children.directorId, viewer.id)))
    .orderBy(desc(wishes.claimedAt));
  return rows
    .filter((r) => can(viewer, 'confirm_wish', { directorId: r.directorId, district: r.district, status: r.childStatus }))
    .map(({ directorId: _d, childStatus: _s, claimedBy, ...wish }) => ({ ...wish, claimedBy: claimedBy! }));
}

/** A child's wishes, newest first: shown only inside a record already read (and logged). */
export async function wishesOf(w: CityWork, childId: string): Promise<Wish[]> {
  const { tx, tenantId } = w;
  return tx.select().from(wishes).where(and(eq(wishes.tenantId, tenantId), eq(wishes.childId, childId))).orderBy(desc(wishes.publishedAt));
}

export type WishChange = { ok: true } | { ok: false; reason: 'not_found' | 'not_open' };

/** A donor or volunteer takes a wish on; the first to claim it has it. */
export async function claimWish(w: CityWork, userId: string, wishId: string, now = new Date()): Promise<WishChange> {
  const { tx, tenantId } = w;
  const [claimed] = await tx
    .update(wishes)
    .set({ status: 'claimed', claimedBy: userId, claimedAt: now })
    .where(and(eq(wishes.tenantId, tenantId), eq(wishes.id, wishId), eq(wishes.status, 'open')))
    .returning({ id: wishes.id });
  if (!claimed) return (await exists(w, wishId)) ? { ok: false, reason: 'not_open' } : { ok: false, reason: 'not_found' };
  await w.audit({ actor: `user:${userId}`, action: 'child-care-visits.wish_claimed', target: `child-care-visits:wish:${wishId}` });
  return { ok: true };
}

/** The claimant gives a wish back, or the director frees one whose claimant did not deliver: open to claim again. */
export async function releaseWish(w: CityWork, viewer: Viewer, wishId: string): Promise<WishChange> {
  const found = await claimedWithChild(w, wishId);
  if (!found) return { ok: false, reason: 'not_found' };
  const { wish, child } = found;
  if (wish.claimedBy !== viewer.id && !can(viewer, 'confirm_wish', child)) return { ok: false, reason: 'not_found' };
  if (wish.status !== 'claimed') return { ok: false, reason: 'not_open' };
  await w.tx.update(wishes).set({ status: 'open', claimedBy: null, claimedAt: null }).where(and(eq(wishes.tenantId, w.tenantId), eq(wishes.id, wishId)));
  await w.audit({ actor: `user:${viewer.id}`, action: 'child-care-visits.wish_released', target: `child-care-visits:wish:${wishId}` });
  return { ok: true };
}

/** The child's director confirms the gift reached the child: the wish is fulfilled and shown as such. */
export async function confirmWish(w: CityWork, viewer: Viewer, wishId: string, now = new Date()): Promise<WishChange> {
  const found = await claimedWithChild(w, wishId);
  if (!found || !can(viewer, 'confirm_wish', found.child)) return { ok: false, reason: 'not_found' };
  if (found.wish.status !== 'claimed') return { ok: false, reason: 'not_open' };
  await w.tx.update(wishes).set({ status: 'fulfilled', confirmedBy: viewer.id, fulfilledAt: now }).where(and(eq(wishes.tenantId, w.tenantId), eq(wishes.id, wishId)));
  await logAccess(w, viewer.id, found.wish.childId, 'wish_fulfilled', now);
  return { ok: true };
}

async function exists(w: CityWork, wishId: string): Promise<boolean> {
  const [row] = await w.tx.select({ id: wishes.id }).from(wishes).where(and(eq(wishes.tenantId, w.tenantId), eq(wishes.id, wishId)));
  return !!row;
}

async function claimedWithChild(w: CityWork, wishId: string) {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ wish: wishes, child: { directorId: children.directorId, district: children.district, status: children.status } })
    .from(wishes)
    .innerJoin(children, and(eq(children.tenantId, wishes.tenantId), eq(children.id, wishes.childId)))
    .where(and(eq(wishes.tenantId, tenantId), eq(wishes.id, wishId)));
  return row ?? null;
}
