import { and, count, desc, eq } from 'drizzle-orm';
import { type CityWork, newId } from '../../core/plugin-api.ts';
import { activationCodeHash, newActivationCode } from './activation-codes.ts';
import { postCardsIssued } from './card-ledger.ts';
import { cardNumberOf } from './card-numbers.ts';
import { legalAidBatches, legalAidCards } from './schema.ts';
import { takeSerials } from './serials.ts';

export type Batch = typeof legalAidBatches.$inferSelect;
/** `foundationId`: the platform foundation account donating the batch (null only for batches recorded before foundations were tied); `sponsor`: the name printed on its cards. */
export type BatchInput = { foundationId: string | null; sponsor: string; cardCount: number; validFrom: string; validUntil: string };
/** A card as printed on the sheet: the only time its code exists outside the holder's hands. */
export type PrintedCard = { number: string; code: string };
export type BatchCounts = { issued: number; active: number; lost: number };

/** Cards in one batch at most: one print run, one sheet the browser can still lay out. */
export const MAX_BATCH_CARDS = 2000;
const INSERT_CHUNK = 500;

/**
 * A batch donated by the foundation `foundationId` (printed as `sponsor`): consecutive serials, a fresh activation code per
 * card, the count issued on the ledger. The codes are returned once, for the printable sheet, and only their
 * hashes are stored.
 */
export async function createBatch(w: CityWork, createdBy: string, input: BatchInput): Promise<{ ok: true; batch: Batch; cards: PrintedCard[] } | { ok: false; reason: 'serials_exhausted' }> {
  const { tx, tenantId } = w;
  const serials = await takeSerials(w, input.cardCount);
  if (!serials) return { ok: false, reason: 'serials_exhausted' };
  const id = newId();
  const issuedTransferId = await postCardsIssued(w, { batchId: id, count: input.cardCount });
  const [batch] = await tx.insert(legalAidBatches).values({ tenantId, id, ...input, firstSerial: serials.first, issuedTransferId, createdBy }).returning();
  const cards = Array.from({ length: input.cardCount }, (_, i) => ({ number: cardNumberOf(serials.first + i), code: newActivationCode() }));
  for (let i = 0; i < cards.length; i += INSERT_CHUNK) {
    const rows = cards.slice(i, i + INSERT_CHUNK).map((card) => ({ tenantId, id: newId(), batchId: id, number: card.number, codeHash: activationCodeHash(card.number, card.code) }));
    await tx.insert(legalAidCards).values(rows);
  }
  await w.audit({
    actor: `user:${createdBy}`,
    action: 'legal-aid-card.batch_created',
    target: `legal-aid-card:batch:${id}`,
    detail: { foundationId: input.foundationId, sponsor: input.sponsor, cardCount: input.cardCount, firstNumber: cards[0]!.number, lastNumber: cards.at(-1)!.number },
  });
  return { ok: true, batch: batch!, cards };
}

export async function findBatch(w: CityWork, id: string): Promise<Batch | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(legalAidBatches).where(and(eq(legalAidBatches.tenantId, tenantId), eq(legalAidBatches.id, id)));
  return row ?? null;
}

/** Cards of a batch by status; replacement cards count in the batch of the card they replace. */
export async function batchCounts(w: CityWork, batchId: string): Promise<BatchCounts> {
  const { tx, tenantId } = w;
  const rows = await tx
    .select({ status: legalAidCards.status, n: count() })
    .from(legalAidCards)
    .where(and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.batchId, batchId)))
    .groupBy(legalAidCards.status);
  const by = new Map(rows.map((r) => [r.status, r.n]));
  return { issued: by.get('issued') ?? 0, active: by.get('active') ?? 0, lost: by.get('lost') ?? 0 };
}

export async function batchesWithCounts(w: CityWork): Promise<{ batch: Batch; counts: BatchCounts }[]> {
  const { tx, tenantId } = w;
  const batches = await tx.select().from(legalAidBatches).where(eq(legalAidBatches.tenantId, tenantId)).orderBy(desc(legalAidBatches.createdAt), desc(legalAidBatches.id));
  const rows: { batch: Batch; counts: BatchCounts }[] = [];
  // One after the other: statements of a transaction share its connection anyway.
  for (const batch of batches) rows.push({ batch, counts: await batchCounts(w, batch.id) });
  return rows;
}

/** Suspends a batch (its cards stop giving benefits and cannot be activated) or resumes it. */
export async function setBatchStatus(w: CityWork, id: string, by: string, status: Batch['status']): Promise<Batch | null> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .update(legalAidBatches)
    .set({ status })
    .where(and(eq(legalAidBatches.tenantId, tenantId), eq(legalAidBatches.id, id)))
    .returning();
  if (!row) return null;
  await w.audit({ actor: `user:${by}`, action: status === 'suspended' ? 'legal-aid-card.batch_suspended' : 'legal-aid-card.batch_resumed', target: `legal-aid-card:batch:${id}` });
  return row;
}
