import { and, eq, inArray } from 'drizzle-orm';
import { type ServiceRecordEvent, type TransferRequest, type CityWork } from '../../core/plugin-api.ts';
import { cityAccounts, memberAccount, memberPosition, shortfallAccount } from './accounts.ts';
import { addLots, consumeLots, expireLots } from './lots.ts';
import { timeBankEarnings } from './schema.ts';
import { creditsFor, type TimeBankSettings } from './settings.ts';

/**
 * Credits from verified service. `service.verified` earns by the city's rules,
 * once per record; `service.revoked` takes them back. A revocation that finds
 * the balance too small leaves the rest owed on the member's shortfall
 * account, paid back first from later earnings.
 */

export const expiryOf = (settings: TimeBankSettings, earnedAt: Date): Date | null => {
  if (settings.expiryYears === 0) return null;
  const d = new Date(earnedAt);
  d.setUTCFullYear(d.getUTCFullYear() + settings.expiryYears);
  return d;
};

/**
 * Earns for each record not earned yet (the seed and the event handler both
 * come here). Idempotent per record: its earning row and its ledger keys.
 */
export async function earnForRecords(
  w: CityWork,
  settings: TimeBankSettings,
  records: readonly ServiceRecordEvent[],
  now = new Date(),
): Promise<number> {
  const { tx, tenantId } = w;
  if (records.length === 0) return 0;
  await w.ledger.lock();
  const done = await tx
    .select({ recordId: timeBankEarnings.recordId })
    .from(timeBankEarnings)
    .where(and(eq(timeBankEarnings.tenantId, tenantId), inArray(timeBankEarnings.recordId, records.map((r) => r.recordId))));
  const earned = new Set(done.map((d) => d.recordId));
  const todo = records.filter((r) => !earned.has(r.recordId) && (earned.add(r.recordId), true));
  if (todo.length === 0) return 0;

  const { issuance } = await cityAccounts(w);
  const owedLeft = new Map<string, number>();
  const transfers: TransferRequest[] = [];
  const lots: { memberId: string; amount: number; recordId: string }[] = [];
  const rows: (typeof timeBankEarnings.$inferInsert)[] = [];
  for (const record of todo) {
    const member = record.volunteerUserId;
    const amount = creditsFor(settings, record.category, record.minutes);
    if (!owedLeft.has(member)) owedLeft.set(member, (await memberPosition(w, member)).owed);
    const collected = Math.min(owedLeft.get(member)!, amount);
    owedLeft.set(member, owedLeft.get(member)! - collected);
    const memo = { record: record.recordId, category: record.category, minutes: record.minutes };
    if (collected > 0) {
      const shortfall = await shortfallAccount(w, member);
      transfers.push({ debitAccountId: issuance.id, creditAccountId: shortfall.id, amount: collected, idempotencyKey: `time-bank:earn:${record.recordId}:collect`, kind: 'time-bank.shortfall_collected', memo });
    }
    if (amount - collected > 0) {
      const account = await memberAccount(w, member);
      transfers.push({ debitAccountId: issuance.id, creditAccountId: account.id, amount: amount - collected, idempotencyKey: `time-bank:earn:${record.recordId}`, kind: 'time-bank.earned', memo });
      lots.push({ memberId: member, amount: amount - collected, recordId: record.recordId });
    }
    rows.push({ tenantId, recordId: record.recordId, memberId: member, category: record.category, minutes: record.minutes, amount, collected, earnedAt: now });
  }
  await w.ledger.postTransfers(transfers);
  await tx.insert(timeBankEarnings).values(rows);
  const expiresAt = expiryOf(settings, now)?.toISOString() ?? null;
  for (const lot of lots) await addLots(w, lot.memberId, [{ amount: lot.amount, expiresAt }], { source: 'earn', ref: lot.recordId, now });
  return todo.length;
}

export type ClawbackResult = { taken: number; owed: number } | null;

/** Takes a revoked record's credits back, once; null when it never earned any. */
export async function clawBack(w: CityWork, record: Pick<ServiceRecordEvent, 'recordId' | 'volunteerUserId'>, now = new Date()): Promise<ClawbackResult> {
  const { tx, tenantId } = w;
  await w.ledger.lock();
  const [earning] = await tx
    .select()
    .from(timeBankEarnings)
    .where(and(eq(timeBankEarnings.tenantId, tenantId), eq(timeBankEarnings.recordId, record.recordId)))
    .for('update');
  if (!earning || earning.clawedBackAt) return null;
  const member = earning.memberId;
  // Credits already past their expiry are not there to take back.
  await expireLots(w, now, member);
  const { issuance } = await cityAccounts(w);
  const account = await memberAccount(w, member);
  const taken = Math.min(account.balance, earning.amount);
  const owed = earning.amount - taken;
  const memo = { record: record.recordId };
  const transfers: TransferRequest[] = [];
  if (taken > 0) {
    transfers.push({ debitAccountId: account.id, creditAccountId: issuance.id, amount: taken, idempotencyKey: `time-bank:clawback:${record.recordId}`, kind: 'time-bank.clawed_back', memo });
  }
  if (owed > 0) {
    const shortfall = await shortfallAccount(w, member);
    transfers.push({ debitAccountId: shortfall.id, creditAccountId: issuance.id, amount: owed, idempotencyKey: `time-bank:clawback:${record.recordId}:owed`, kind: 'time-bank.shortfall', memo });
  }
  await w.ledger.postTransfers(transfers);
  if (taken > 0) await consumeLots(w, member, taken, record.recordId);
  await tx
    .update(timeBankEarnings)
    .set({ clawedBackAt: now })
    .where(and(eq(timeBankEarnings.tenantId, tenantId), eq(timeBankEarnings.recordId, record.recordId)));
  return { taken, owed };
}
