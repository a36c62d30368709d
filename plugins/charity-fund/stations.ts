import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { newId, recordAudit, type Tx } from '../../core/plugin-api.ts';
import type { Visibility } from './donations.ts';
import { findFund } from './funds.ts';
import { charityDistributions, charityFunds, charityGifts, charityStations } from './schema.ts';

/**
 * Donation stations and their in-kind stock. Goods are not money: a gift of
 * goods carries an estimated value for disclosure but never reaches the ledger;
 * its stock is what was given less what was handed out.
 */

export type Station = typeof charityStations.$inferSelect;
export type GiftInput = { fundId: string; item: string; unit: string; quantity: number; estimatedFen: number; donorName: string; visibility: Visibility };

export async function createStation(tx: Tx, tenantId: string, userId: string, input: { name: string; address: string }): Promise<{ ok: true; id: string } | { ok: false; reason: 'name_taken' }> {
  const [taken] = await tx.select({ id: charityStations.id }).from(charityStations).where(and(eq(charityStations.tenantId, tenantId), eq(charityStations.name, input.name)));
  if (taken) return { ok: false, reason: 'name_taken' };
  const id = newId();
  await tx.insert(charityStations).values({ tenantId, id, ...input });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'charity-fund.station_created', target: `charity-fund-station:${id}`, detail: input });
  return { ok: true, id };
}

export async function listStations(tx: Tx, tenantId: string): Promise<Station[]> {
  return tx.select().from(charityStations).where(eq(charityStations.tenantId, tenantId)).orderBy(asc(charityStations.name));
}

export async function findStation(tx: Tx, tenantId: string, id: string): Promise<Station | null> {
  const [row] = await tx.select().from(charityStations).where(and(eq(charityStations.tenantId, tenantId), eq(charityStations.id, id)));
  return row ?? null;
}

export async function recordGift(tx: Tx, tenantId: string, stationId: string, userId: string, input: GiftInput): Promise<{ ok: true; id: string } | { ok: false; reason: 'not_found' }> {
  if (!(await findStation(tx, tenantId, stationId)) || !(await findFund(tx, tenantId, input.fundId))) return { ok: false, reason: 'not_found' };
  const id = newId();
  await tx.insert(charityGifts).values({ tenantId, id, stationId, recordedBy: userId, ...input });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'charity-fund.gift_recorded', target: `charity-fund-gift:${id}`, detail: { item: input.item, quantity: input.quantity, estimatedFen: input.estimatedFen } });
  return { ok: true, id };
}

// Spelled out with the table name: drizzle leaves columns unqualified in a single-table select, and inside
// the subquery an unqualified `id` would be the distribution's own.
const distributed = () =>
  sql<number>`coalesce((select sum(d.quantity) from charity_fund_distributions d where d.tenant_id = charity_fund_gifts.tenant_id and d.gift_id = charity_fund_gifts.id), 0)::int`;

export type DistributeResult = { ok: true; stationId: string } | { ok: false; reason: 'not_found' | 'over_stock'; stationId?: string; left?: number };

/** Hands some of a gift to a beneficiary; never more than is left (the gift row is locked while checking). */
export async function distributeGift(tx: Tx, tenantId: string, giftId: string, userId: string, input: { quantity: number; beneficiary: string }): Promise<DistributeResult> {
  const [gift] = await tx.select().from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId))).for('update');
  if (!gift) return { ok: false, reason: 'not_found' };
  const [row] = await tx.select({ out: distributed() }).from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId)));
  const left = gift.quantity - (row?.out ?? 0);
  if (input.quantity > left) return { ok: false, reason: 'over_stock', stationId: gift.stationId, left };
  await tx.insert(charityDistributions).values({ tenantId, id: newId(), giftId, quantity: input.quantity, beneficiary: input.beneficiary, distributedBy: userId });
  await recordAudit(tx, tenantId, { actor: `user:${userId}`, action: 'charity-fund.gift_distributed', target: `charity-fund-gift:${giftId}`, detail: input });
  return { ok: true, stationId: gift.stationId };
}

/** A station's gifts with what is left of each, newest first. */
export async function stationStock(tx: Tx, tenantId: string, stationId: string) {
  return tx
    .select({ gift: charityGifts, fundName: charityFunds.name, distributed: distributed() })
    .from(charityGifts)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityGifts.tenantId), eq(charityFunds.id, charityGifts.fundId)))
    .where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.stationId, stationId)))
    .orderBy(desc(charityGifts.createdAt))
    .limit(200);
}

/** The latest hand-outs of a station's gifts. */
export async function stationDistributions(tx: Tx, tenantId: string, stationId: string) {
  return tx
    .select({ distribution: charityDistributions, item: charityGifts.item, unit: charityGifts.unit })
    .from(charityDistributions)
    .innerJoin(charityGifts, and(eq(charityGifts.tenantId, charityDistributions.tenantId), eq(charityGifts.id, charityDistributions.giftId)))
    .where(and(eq(charityDistributions.tenantId, tenantId), eq(charityGifts.stationId, stationId)))
    .orderBy(desc(charityDistributions.createdAt))
    .limit(50);
}

/** The station holding a gift, or null when this city has no such gift. */
export async function giftStation(tx: Tx, tenantId: string, giftId: string): Promise<string | null> {
  const [row] = await tx.select({ stationId: charityGifts.stationId }).from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId)));
  return row?.stationId ?? null;
}
