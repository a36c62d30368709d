import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { newId, type CityWork } from '../../core/plugin-api.ts';
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

export async function createStation(w: CityWork, userId: string, input: { name: string; address: string }): Promise<{ ok: true; id: string } | { ok: false; reason: 'name_taken' }> {
  const { tx, tenantId } = w;
  const [taken] = await tx.select({ id: charityStations.id }).from(charityStations).where(and(eq(charityStations.tenantId, tenantId), eq(charityStations.name, input.name)));
  if (taken) return { ok: false, reason: 'name_taken' };
  const id = newId();
  await tx.insert(charityStations).values({ tenantId, id, ...input });
  await w.audit({ actor: `user:${userId}`, action: 'charity-fund.station_created', target: `charity-fund-station:${id}`, detail: input });
  return { ok: true, id };
}

export async function listStations(w: CityWork): Promise<Station[]> {
  const { tx, tenantId } = w;
  return tx.select().from(charityStations).where(eq(charityStations.tenantId, tenantId)).orderBy(asc(charityStations.name));
}

export async function findStation(w: CityWork, id: string): Promise<Station | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(charityStations).where(and(eq(charityStations.tenantId, tenantId), eq(charityStations.id, id)));
  return row ?? null;
}

export async function recordGift(w: CityWork, stationId: string, userId: string, input: GiftInput): Promise<{ ok: true; id: string } | { ok: false; reason: 'not_found' }> {
  const { tx, tenantId } = w;
  if (!(await findStation(w, stationId)) || !(await findFund(w, input.fundId))) return { ok: false, reason: 'not_found' };
  const id = newId();
  await tx.insert(charityGifts).values({ tenantId, id, stationId, recordedBy: userId, ...input });
  await w.audit({ actor: `user:${userId}`, action: 'charity-fund.gift_recorded', target: `charity-fund-gift:${id}`, detail: { item: input.item, quantity: input.quantity, estimatedFen: input.estimatedFen } });
  return { ok: true, id };
}

// Spelled out with the table name: drizzle leaves columns unqualified in a single-table select, and inside
// the subquery an unqualified `id` would be the distribution's own. The subquery names the city itself:
// on Citus a statement goes to one shard only when every table in it is filtered by the same city.
const distributed = (tenantId: string) =>
  sql<number>`coalesce((select sum(d.quantity) from charity_fund_distributions d where d.tenant_id = ${tenantId} and d.gift_id = charity_fund_gifts.id), 0)::int`;

export type DistributeResult = { ok: true; stationId: string } | { ok: false; reason: 'not_found' | 'over_stock'; stationId?: string; left?: number };

/** Hands some of a gift to a beneficiary; never more than is left (the gift row is locked while checking). */
export async function distributeGift(w: CityWork, giftId: string, userId: string, input: { quantity: number; beneficiary: string }): Promise<DistributeResult> {
  const { tx, tenantId } = w;
  const [gift] = await tx.select().from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId))).for('update');
  if (!gift) return { ok: false, reason: 'not_found' };
  const [row] = await tx.select({ out: distributed(tenantId) }).from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId)));
  const left = gift.quantity - (row?.out ?? 0);
  if (input.quantity > left) return { ok: false, reason: 'over_stock', stationId: gift.stationId, left };
  await tx.insert(charityDistributions).values({ tenantId, id: newId(), giftId, quantity: input.quantity, beneficiary: input.beneficiary, distributedBy: userId });
  await w.audit({ actor: `user:${userId}`, action: 'charity-fund.gift_distributed', target: `charity-fund-gift:${giftId}`, detail: input });
  return { ok: true, stationId: gift.stationId };
}

/** A station's gifts with what is left of each, newest first. */
export async function stationStock(w: CityWork, stationId: string) {
  const { tx, tenantId } = w;
  return tx
    .select({ gift: charityGifts, fundName: charityFunds.name, distributed: distributed(tenantId) })
    .from(charityGifts)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityGifts.tenantId), eq(charityFunds.id, charityGifts.fundId)))
    .where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.stationId, stationId)))
    .orderBy(desc(charityGifts.createdAt))
    .limit(200);
}

/** The latest hand-outs of a station's gifts. */
export async function stationDistributions(w: CityWork, stationId: string) {
  const { tx, tenantId } = w;
  return tx
    .select({ distribution: charityDistributions, item: charityGifts.item, unit: charityGifts.unit })
    .from(charityDistributions)
    .innerJoin(charityGifts, and(eq(charityGifts.tenantId, charityDistributions.tenantId), eq(charityGifts.id, charityDistributions.giftId)))
    .where(and(eq(charityDistributions.tenantId, tenantId), eq(charityGifts.stationId, stationId)))
    .orderBy(desc(charityDistributions.createdAt))
    .limit(50);
}

/** The station holding a gift, or null when this city has no such gift. */
export async function giftStation(w: CityWork, giftId: string): Promise<string | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select({ stationId: charityGifts.stationId }).from(charityGifts).where(and(eq(charityGifts.tenantId, tenantId), eq(charityGifts.id, giftId)));
  return row?.stationId ?? null;
}
