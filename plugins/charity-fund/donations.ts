import { and, count, desc, eq } from 'drizzle-orm';
import { newId, type CityWork } from '../../core/plugin-api.ts';
import { donorsAccount, postingKeys } from './accounts.ts';
import { fundOpenOn, findFund } from './funds.ts';
import { nextReceiptNumber } from './receipts.ts';
import { queueDonationReceipt } from './receipt-notices.ts';
import { DONATION_RECEIVED } from './webhook-events.ts';
import { charityDonations, charityFunds, charityProjects, charityStations } from './schema.ts';

export type Donation = typeof charityDonations.$inferSelect;
export type Visibility = Donation['visibility'];
export const VISIBILITIES = ['masked', 'named', 'anonymous'] as const;

export type DonationInput = {
  fundId: string;
  projectId: string | null;
  donorUserId: string | null;
  donorName: string;
  visibility: Visibility;
  message: string;
  amountFen: number;
  channel: Donation['channel'];
  provider: string;
  stationId?: string | null;
};

export type StartResult = { ok: true; donation: Donation; fundName: string } | { ok: false; reason: 'not_found' | 'fund_closed' | 'project_not_open' };

/** A pending donation to a fund (or one of its approved projects) open on `today` (China date). */
export async function startDonation(w: CityWork, input: DonationInput, today: string): Promise<StartResult> {
  const { tx, tenantId } = w;
  const fund = await findFund(w, input.fundId);
  if (!fund) return { ok: false, reason: 'not_found' };
  if (!fundOpenOn(fund, today)) return { ok: false, reason: 'fund_closed' };
  if (input.projectId) {
    const [project] = await tx
      .select({ status: charityProjects.status })
      .from(charityProjects)
      .where(and(eq(charityProjects.tenantId, tenantId), eq(charityProjects.id, input.projectId), eq(charityProjects.fundId, fund.id)));
    if (!project || project.status !== 'approved') return { ok: false, reason: 'project_not_open' };
  }
  const [donation] = await tx
    .insert(charityDonations)
    .values({ tenantId, id: newId(), ...input, stationId: input.stationId ?? null })
    .returning();
  return { ok: true, donation: donation!, fundName: fund.name };
}

export type Confirmation = {
  /** Staff who saw the money arrive; null when a gateway's signed callback confirmed it. */
  confirmedBy: string | null;
  gatewayReference?: string | null;
  address?: string | null;
};
export type ConfirmResult = { ok: true; donation: Donation; already: boolean } | { ok: false; reason: 'not_found' | 'cancelled' };

/**
 * Confirms a pending donation: posts it from the city's donors account to the
 * fund (keyed by the donation, so it posts once whatever retries) and gives it
 * the next receipt number of the year, in the same transaction. Confirming an
 * already confirmed donation changes nothing.
 */
export async function confirmDonation(w: CityWork, id: string, by: Confirmation): Promise<ConfirmResult> {
  const { tx, tenantId } = w;
  const [donation] = await tx.select().from(charityDonations).where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id))).for('update');
  if (!donation) return { ok: false, reason: 'not_found' };
  if (donation.status === 'confirmed') return { ok: true, donation, already: true };
  if (donation.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  const [fund] = await tx.select({ accountId: charityFunds.accountId, name: charityFunds.name, hostCharity: charityFunds.hostCharity }).from(charityFunds).where(and(eq(charityFunds.tenantId, tenantId), eq(charityFunds.id, donation.fundId)));
  const donors = await donorsAccount(w);
  const transfer = await w.ledger.postTransfer({
    debitAccountId: donors.id,
    creditAccountId: fund!.accountId,
    amount: donation.amountFen,
    idempotencyKey: postingKeys.donation(id),
    kind: 'charity-fund.donation',
    memo: { donation: id, fund: donation.fundId, project: donation.projectId, channel: donation.channel },
  });
  // The posting's own instant dates the donation, so a month's report and the ledger agree to the millisecond.
  const confirmedAt = transfer.postedAt;
  const receiptNumber = await nextReceiptNumber(w, confirmedAt);
  const [confirmed] = await tx
    .update(charityDonations)
    .set({ status: 'confirmed', transferId: transfer.id, receiptNumber, confirmedBy: by.confirmedBy, confirmedAt, gatewayReference: by.gatewayReference ?? donation.gatewayReference })
    .where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id)))
    .returning();
  const actor = by.confirmedBy ? `user:${by.confirmedBy}` : `plugin:charity-fund:${donation.provider}`;
  await w.audit({ actor, action: 'charity-fund.donation_confirmed', target: `charity-fund-donation:${id}`, address: by.address, detail: { amountFen: donation.amountFen, receiptNumber } });
  await queueDonationReceipt(tx, tenantId, { ...donation, receiptNumber, confirmedAt }, fund!, transfer.seq);
  // No donor: not the name, nor whether there is an account behind it.
  await w.webhooks.emit(DONATION_RECEIVED, {
    id, fundId: donation.fundId, projectId: donation.projectId, amountFen: donation.amountFen, channel: donation.channel,
    receiptNumber, confirmedAt: confirmedAt.toISOString(), ledgerTransferId: transfer.id,
  });
  return { ok: true, donation: confirmed!, already: false };
}

/** A pledge that will not be paid, or a payment cancelled at the gateway: pending only (and of `onlyProvider` when given). */
export async function cancelDonation(w: CityWork, id: string, by: string, onlyProvider?: string): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'wrong_status' }> {
  const { tx, tenantId } = w;
  const cancelled = await tx
    .update(charityDonations)
    .set({ status: 'cancelled' })
    .where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id), eq(charityDonations.status, 'pending'), onlyProvider ? eq(charityDonations.provider, onlyProvider) : undefined))
    .returning({ id: charityDonations.id });
  if (cancelled.length === 0) {
    const [exists] = await tx.select({ id: charityDonations.id }).from(charityDonations).where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id)));
    return { ok: false, reason: exists ? 'wrong_status' : 'not_found' };
  }
  await w.audit({ actor: by, action: 'charity-fund.donation_cancelled', target: `charity-fund-donation:${id}` });
  return { ok: true };
}

/** A donation with the names a page shows beside it. */
export async function findDonation(w: CityWork, id: string) {
  const { tx, tenantId } = w;
  const [row] = await tx
    .select({ donation: charityDonations, fundName: charityFunds.name, hostCharity: charityFunds.hostCharity, projectTitle: charityProjects.title, stationName: charityStations.name })
    .from(charityDonations)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityDonations.tenantId), eq(charityFunds.id, charityDonations.fundId)))
    .leftJoin(charityProjects, and(eq(charityProjects.tenantId, charityDonations.tenantId), eq(charityProjects.id, charityDonations.projectId)))
    .leftJoin(charityStations, and(eq(charityStations.tenantId, charityDonations.tenantId), eq(charityStations.id, charityDonations.stationId)))
    .where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id)));
  return row ?? null;
}
export type DonationDetail = NonNullable<Awaited<ReturnType<typeof findDonation>>>;

/** A donor's giving history, newest first. */
export async function donorHistory(w: CityWork, userId: string, page: number, pageSize: number) {
  const { tx, tenantId } = w;
  const where = and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.donorUserId, userId));
  const [total] = await tx.select({ n: count() }).from(charityDonations).where(where);
  const rows = await tx
    .select({ donation: charityDonations, fundName: charityFunds.name, projectTitle: charityProjects.title })
    .from(charityDonations)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityDonations.tenantId), eq(charityFunds.id, charityDonations.fundId)))
    .leftJoin(charityProjects, and(eq(charityProjects.tenantId, charityDonations.tenantId), eq(charityProjects.id, charityDonations.projectId)))
    .where(where)
    .orderBy(desc(charityDonations.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** Offline pledges waiting for the money, oldest first (station staff confirm them). */
export async function pendingPledges(w: CityWork) {
  const { tx, tenantId } = w;
  return tx
    .select({ donation: charityDonations, fundName: charityFunds.name })
    .from(charityDonations)
    .innerJoin(charityFunds, and(eq(charityFunds.tenantId, charityDonations.tenantId), eq(charityFunds.id, charityDonations.fundId)))
    .where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.status, 'pending'), eq(charityDonations.provider, 'offline')))
    .orderBy(charityDonations.createdAt)
    .limit(200);
}

/**
 * Station staff confirm an offline pledge when its money has arrived. Gateway
 * payments are confirmed only by their signed callback, never by hand.
 */
export async function confirmPledge(w: CityWork, id: string, staffId: string, address: string | null): Promise<ConfirmResult | { ok: false; reason: 'not_a_pledge' }> {
  const { tx, tenantId } = w;
  const [row] = await tx.select({ provider: charityDonations.provider }).from(charityDonations).where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, id)));
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.provider !== 'offline') return { ok: false, reason: 'not_a_pledge' };
  return confirmDonation(w, id, { confirmedBy: staffId, address });
}

/** Cash handed over at a station: recorded and confirmed at once, so the donor leaves with a receipt. */
export async function recordStationCash(w: CityWork, stationId: string, staffId: string, input: Omit<DonationInput, 'channel' | 'provider' | 'stationId' | 'donorUserId' | 'projectId'>, today: string, address: string | null): Promise<StartResult> {
  const started = await startDonation(w, { ...input, projectId: null, donorUserId: null, channel: 'station', provider: 'cash', stationId }, today);
  if (!started.ok) return started;
  const confirmed = await confirmDonation(w, started.donation.id, { confirmedBy: staffId, address });
  return confirmed.ok ? { ok: true, donation: confirmed.donation, fundName: started.fundName } : { ok: false, reason: 'not_found' };
}
