import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { groupCode, newId, newReadableCode, readCode, type Tx, type CityWork } from '../../core/plugin-api.ts';
import { cityAccounts, memberAccount } from './accounts.ts';
import { addLots } from './lots.ts';
import { queueRedemptionReady } from './redemption-notices.ts';
import { ageOn, birthDateOf } from './members.ts';
import { timeBankItems, timeBankRedemptions, type ItemKind } from './schema.ts';
import { spendCredits } from './spending.ts';

/**
 * Time for resources: a catalogue of donated goods and services with stock; a
 * member redeems with credits and gets a code; station staff mark it fulfilled;
 * cancelling returns the credits (with their expiry dates) and the stock.
 * Elder-care items are withdrawals of stored credits, from the city's withdrawal age.
 */

export type Item = typeof timeBankItems.$inferSelect;
export type Redemption = typeof timeBankRedemptions.$inferSelect;
export type ItemInput = { kind: ItemKind; name: string; description: string; donor: string; price: number; stock: number };

export async function createItem(w: CityWork, input: ItemInput): Promise<string> {
  const { tx, tenantId } = w;
  const id = newId();
  await tx.insert(timeBankItems).values({ tenantId, id, ...input });
  return id;
}

const itemWhere = (tenantId: string, id: string) => and(eq(timeBankItems.tenantId, tenantId), eq(timeBankItems.id, id));

/** Changes stock and whether members see the item. */
export async function updateItem(w: CityWork, id: string, values: { stock: number; active: boolean }): Promise<boolean> {
  const { tx, tenantId } = w;
  const updated = await tx.update(timeBankItems).set(values).where(itemWhere(tenantId, id)).returning({ id: timeBankItems.id });
  return updated.length === 1;
}

export async function findItem(w: CityWork, id: string): Promise<Item | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(timeBankItems).where(itemWhere(tenantId, id));
  return row ?? null;
}

export async function listItems(w: CityWork, options: { activeOnly: boolean }): Promise<Item[]> {
  const { tx, tenantId } = w;
  return tx
    .select()
    .from(timeBankItems)
    .where(and(eq(timeBankItems.tenantId, tenantId), options.activeOnly ? eq(timeBankItems.active, true) : undefined))
    .orderBy(asc(timeBankItems.kind), asc(timeBankItems.price), asc(timeBankItems.id));
}

/** Redemption codes: eight characters (40 random bits), read off a phone at the station. */
const CODE_LENGTH = 8;
export const newRedemptionCode = () => newReadableCode(CODE_LENGTH);
export const normaliseCode = (typed: string) => readCode(typed, CODE_LENGTH);
export { groupCode };

export type RedeemResult =
  | { ok: true; redemptionId: string; code: string }
  | { ok: false; reason: 'not_found' | 'out_of_stock' | 'insufficient' | 'too_young' | 'no_birth_date'; age?: number };

export async function redeemItem(w: CityWork, itemId: string, memberId: string, withdrawalAge: number, now = new Date()): Promise<RedeemResult> {
  const { tx, tenantId } = w;
  await w.ledger.lock();
  const [item] = await tx.select().from(timeBankItems).where(itemWhere(tenantId, itemId)).for('update');
  if (!item || !item.active) return { ok: false, reason: 'not_found' };
  if (item.stock <= 0) return { ok: false, reason: 'out_of_stock' };
  if (item.kind === 'elder_care') {
    const { birthDate } = await birthDateOf(w, memberId);
    if (!birthDate) return { ok: false, reason: 'no_birth_date' };
    if (ageOn(birthDate, now) < withdrawalAge) return { ok: false, reason: 'too_young', age: ageOn(birthDate, now) };
  }
  const id = newId();
  const { redemptions } = await cityAccounts(w);
  const spent = await spendCredits(w, memberId, item.price, { accountId: redemptions.id, idempotencyKey: `time-bank:redeem:${id}`, kind: 'time-bank.redeemed', memo: { item: item.id, name: item.name } }, now);
  if (!spent.ok) return { ok: false, reason: 'insufficient' };
  await tx.update(timeBankItems).set({ stock: sql`${timeBankItems.stock} - 1` }).where(itemWhere(tenantId, itemId));
  // 40 random bits: a clash is next to impossible, but draw again rather than fail on one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newRedemptionCode();
    const [taken] = await tx.select({ id: timeBankRedemptions.id }).from(timeBankRedemptions).where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.code, code)));
    if (taken) continue;
    await tx.insert(timeBankRedemptions).values({ tenantId, id, itemId, memberId, code, price: item.price, pieces: spent.pieces, transferId: spent.transfer.id, createdAt: now });
    await queueRedemptionReady(tx, tenantId, memberId, { id, code, item: item.name });
    return { ok: true, redemptionId: id, code };
  }
  throw new Error('could not draw an unused redemption code');
}

export type RedemptionView = Redemption & { itemName: string; itemKind: ItemKind; donor: string; memberName: string };

const redemptionRows = (tx: Tx) =>
  tx
    .select({ r: timeBankRedemptions, itemName: timeBankItems.name, itemKind: timeBankItems.kind, donor: timeBankItems.donor })
    .from(timeBankRedemptions)
    .innerJoin(timeBankItems, and(eq(timeBankItems.tenantId, timeBankRedemptions.tenantId), eq(timeBankItems.id, timeBankRedemptions.itemId)));

async function named(w: CityWork, rows: { r: Redemption; itemName: string; itemKind: ItemKind; donor: string }[]): Promise<RedemptionView[]> {
  const names = await w.people.names(rows.map((x) => x.r.memberId));
  return rows.map((x) => ({ ...x.r, itemName: x.itemName, itemKind: x.itemKind, donor: x.donor, memberName: names.get(x.r.memberId) ?? '' }));
}

export async function memberRedemptions(w: CityWork, memberId: string): Promise<RedemptionView[]> {
  const { tx, tenantId } = w;
  const rows = await redemptionRows(tx).where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.memberId, memberId))).orderBy(desc(timeBankRedemptions.createdAt)).limit(100);
  return named(w, rows);
}

export async function findRedemptionByCode(w: CityWork, code: string): Promise<RedemptionView | null> {
  const { tx, tenantId } = w;
  const rows = await redemptionRows(tx).where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.code, code)));
  return (await named(w, rows))[0] ?? null;
}

export type CloseResult = { ok: true; redemption: Redemption } | { ok: false; reason: 'not_found' | 'wrong_status' };

async function lockRedemption(w: CityWork, where: { id?: string; code?: string }) {
  const { tx, tenantId } = w;
  await w.ledger.lock();
  const [row] = await tx
    .select()
    .from(timeBankRedemptions)
    .where(and(eq(timeBankRedemptions.tenantId, tenantId), where.id ? eq(timeBankRedemptions.id, where.id) : eq(timeBankRedemptions.code, where.code!)))
    .for('update');
  return row ?? null;
}

/** Station staff hand over what the code stands for. */
export async function fulfilRedemption(w: CityWork, code: string, staffId: string, now = new Date()): Promise<CloseResult> {
  const { tx, tenantId } = w;
  const r = await lockRedemption(w, { code });
  if (!r) return { ok: false, reason: 'not_found' };
  if (r.status !== 'issued') return { ok: false, reason: 'wrong_status' };
  await tx.update(timeBankRedemptions).set({ status: 'fulfilled', fulfilledBy: staffId, closedAt: now }).where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.id, r.id)));
  await w.audit({ actor: `user:${staffId}`, action: 'time-bank.redemption_fulfilled', target: `time-bank-redemption:${r.id}` });
  return { ok: true, redemption: r };
}

/** The member (or a city admin) cancels an unfulfilled redemption: credits and stock come back. */
export async function cancelRedemption(w: CityWork, id: string, by: { userId: string; admin: boolean }, now = new Date()): Promise<CloseResult> {
  const { tx, tenantId } = w;
  const r = await lockRedemption(w, { id });
  if (!r || (!by.admin && r.memberId !== by.userId)) return { ok: false, reason: 'not_found' };
  if (r.status !== 'issued') return { ok: false, reason: 'wrong_status' };
  const { redemptions } = await cityAccounts(w);
  const account = await memberAccount(w, r.memberId);
  const refund = await w.ledger.postTransfer({ debitAccountId: redemptions.id, creditAccountId: account.id, amount: r.price, idempotencyKey: `time-bank:redeem:${r.id}:cancel`, kind: 'time-bank.redemption_cancelled', memo: { redemption: r.id } });
  await addLots(w, r.memberId, r.pieces, { source: 'refund', ref: r.id, now });
  await tx.update(timeBankItems).set({ stock: sql`${timeBankItems.stock} + 1` }).where(itemWhere(tenantId, r.itemId));
  await tx.update(timeBankRedemptions).set({ status: 'cancelled', refundTransferId: refund.id, closedAt: now }).where(and(eq(timeBankRedemptions.tenantId, tenantId), eq(timeBankRedemptions.id, r.id)));
  return { ok: true, redemption: r };
}

/** Whether the city has a catalogue at all (the demo seed adds one only to a city without). */
export async function hasItems(w: CityWork): Promise<boolean> {
  const { tx, tenantId } = w;
  const [row] = await tx.select({ id: timeBankItems.id }).from(timeBankItems).where(eq(timeBankItems.tenantId, tenantId)).limit(1);
  return Boolean(row);
}
