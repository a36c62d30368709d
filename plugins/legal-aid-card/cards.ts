import { and, eq } from 'drizzle-orm';
import { type CityWork, newId, toLocalDateInput } from '../../core/plugin-api.ts';
import { postCardsIssued } from './card-ledger.ts';
import { cardNumberOf } from './card-numbers.ts';
import { legalAidBatches, legalAidCards } from './schema.ts';
import { takeSerials } from './serials.ts';

export type Card = typeof legalAidCards.$inferSelect;
export type HeldCard = { card: Card; sponsor: string; validFrom: string; validUntil: string; batchStatus: 'active' | 'suspended' };

/** The card a resident holds now, with what its batch says about it; null when they hold none. */
export async function activeCardOf(w: CityWork, userId: string): Promise<HeldCard | null> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ card: legalAidCards, sponsor: legalAidBatches.sponsor, validFrom: legalAidBatches.validFrom, validUntil: legalAidBatches.validUntil, batchStatus: legalAidBatches.status })
    .from(legalAidCards)
    .innerJoin(legalAidBatches, and(eq(legalAidBatches.tenantId, legalAidCards.tenantId), eq(legalAidBatches.id, legalAidCards.batchId)))
    .where(and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.holderUserId, userId), eq(legalAidCards.status, 'active')));
  return row ?? null;
}

/** A held card gives its benefits while its batch is not suspended and today is within its validity. */
export function cardGivesBenefits(held: HeldCard, now: Date): boolean {
  const today = toLocalDateInput(now);
  return held.batchStatus === 'active' && held.validFrom <= today && today <= held.validUntil;
}

/**
 * The holder reports their card lost: it stops working at once, and a new card
 * of the same batch (a new number, the same validity) is theirs, already active,
 * so no activation code is printed for it; it is issued on the ledger like a batch.
 */
export async function replaceLostCard(w: CityWork, userId: string): Promise<{ ok: true; card: Card } | { ok: false; reason: 'no_card' | 'serials_exhausted' }> {
  const { tx, tenantId } = w;
  const held = await activeCardOf(w, userId);
  if (!held) return { ok: false, reason: 'no_card' };
  const serials = await takeSerials(w, 1);
  if (!serials) return { ok: false, reason: 'serials_exhausted' };
  await tx.update(legalAidCards).set({ status: 'lost' }).where(and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.id, held.card.id)));
  const id = newId();
  const issuedTransferId = await postCardsIssued(w, { batchId: held.card.batchId, count: 1, cardId: id });
  const [card] = await tx
    .insert(legalAidCards)
    .values({ tenantId, id, batchId: held.card.batchId, number: cardNumberOf(serials.first), codeHash: null, status: 'active', holderUserId: userId, activatedAt: new Date(), replacesCardId: held.card.id, issuedTransferId })
    .returning();
  await w.audit({ actor: `user:${userId}`, action: 'legal-aid-card.card_replaced', target: `legal-aid-card:card:${card!.id}`, detail: { lostCard: held.card.id } });
  return { ok: true, card: card! };
}
