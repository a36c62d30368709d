import { and, eq, sql } from 'drizzle-orm';
import { blockedUntilAfterFailure, type CityWork, secondsUntil, toLocalDateInput } from '../../core/plugin-api.ts';
import { activationCodeMatches } from './activation-codes.ts';
import { findBatch } from './batches.ts';
import { activeCardOf } from './cards.ts';
import { legalAidActivationBackoff, legalAidCards } from './schema.ts';

export type ActivationInput = { number: string; code: string; address: string | null };
export type ActivationRefusal =
  | { reason: 'wait'; seconds: number }
  | { reason: 'no_real_name' }
  | { reason: 'already_holder' }
  | { reason: 'wrong_code' }
  | { reason: 'used' }
  | { reason: 'suspended' }
  | { reason: 'outside_validity'; validFrom: string; validUntil: string };

/**
 * A signed-in resident with a real-name volunteer profile activates a card with
 * its number and code. A wrong code (or a number the city never issued: they
 * answer alike) makes the resident wait 1, 2, 4 ... 300 s before the next try;
 * the right one clears that. Only then does the card's own state count.
 */
export async function activateCard(w: CityWork, userId: string, input: ActivationInput, now: Date): Promise<{ ok: true; cardId: string } | ({ ok: false } & ActivationRefusal)> {
  const { tx, tenantId } = w;
  const [backoff] = await tx
    .select()
    .from(legalAidActivationBackoff)
    .where(and(eq(legalAidActivationBackoff.tenantId, tenantId), eq(legalAidActivationBackoff.userId, userId)))
    .for('update');
  if (backoff?.blockedUntil && backoff.blockedUntil > now) return { ok: false, reason: 'wait', seconds: secondsUntil(backoff.blockedUntil, now) };
  if (!(await w.people.volunteerFacts(userId))) return { ok: false, reason: 'no_real_name' };
  if (await activeCardOf(w, userId)) return { ok: false, reason: 'already_holder' };

  const [card] = await tx.select().from(legalAidCards).where(and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.number, input.number))).for('update');
  if (!card?.codeHash || !activationCodeMatches(input.number, input.code, card.codeHash)) {
    await tx
      .insert(legalAidActivationBackoff)
      .values({ tenantId, userId, failures: 1, blockedUntil: new Date(now.getTime() + 1000) })
      .onConflictDoUpdate({
        target: [legalAidActivationBackoff.tenantId, legalAidActivationBackoff.userId],
        set: { failures: sql`${legalAidActivationBackoff.failures} + 1`, blockedUntil: blockedUntilAfterFailure(now, legalAidActivationBackoff.failures) },
      });
    // The code itself never goes to the log; the number is not personal and tells a coordinator which card is probed.
    await w.audit({ actor: `user:${userId}`, action: 'legal-aid-card.activation_refused', target: card ? `legal-aid-card:card:${card.id}` : '', address: input.address });
    return { ok: false, reason: 'wrong_code' };
  }
  if (backoff) await tx.update(legalAidActivationBackoff).set({ failures: 0, blockedUntil: null }).where(and(eq(legalAidActivationBackoff.tenantId, tenantId), eq(legalAidActivationBackoff.userId, userId)));
  if (card.status !== 'issued') return { ok: false, reason: 'used' };
  const batch = (await findBatch(w, card.batchId))!;
  if (batch.status === 'suspended') return { ok: false, reason: 'suspended' };
  const today = toLocalDateInput(now);
  if (today < batch.validFrom || today > batch.validUntil) return { ok: false, reason: 'outside_validity', validFrom: batch.validFrom, validUntil: batch.validUntil };

  await tx
    .update(legalAidCards)
    .set({ status: 'active', holderUserId: userId, activatedAt: now })
    .where(and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.id, card.id)));
  await w.audit({ actor: `user:${userId}`, action: 'legal-aid-card.card_activated', target: `legal-aid-card:card:${card.id}`, address: input.address });
  return { ok: true, cardId: card.id };
}
