import { and, eq } from 'drizzle-orm';
import type { CityWork } from '../../../core/plugin-api.ts';
import { cancelDonation, confirmDonation } from '../donations.ts';
import { charityDonations } from '../schema.ts';
import { providerFor } from './index.ts';
import { providerSecret } from './keys.ts';
import type { GatewayCallback } from './provider.ts';

export type CallbackResult =
  | { ok: true; outcome: 'paid' | 'cancelled'; donationId: string }
  | { ok: false; reason: 'unknown_provider' | 'bad_signature' | 'not_found' | 'mismatch' | 'cancelled' | 'not_pending' };

/**
 * A gateway's callback: the signature must hold with the city's secret for that
 * provider, and the donation it names must be one of this city's, made through
 * that provider, for exactly that amount. Only then is it confirmed (or cancelled),
 * which audits it. A refused callback changes nothing and writes nothing: anyone
 * can send one, so the caller counts refusals instead of keeping their text.
 */
export async function receiveCallback(w: CityWork, providerId: string, callback: GatewayCallback, address: string | null = null): Promise<CallbackResult> {
  const { tx, tenantId } = w;
  const provider = providerFor(providerId);
  if (!provider || provider.confirmedBy !== 'gateway') return { ok: false, reason: 'unknown_provider' };
  const said = provider.confirm(callback, await providerSecret(w, provider.id));
  const refuse = (reason: 'bad_signature' | 'not_found' | 'mismatch') => ({ ok: false as const, reason });
  if (!said) return refuse('bad_signature');
  const [donation] = await tx.select().from(charityDonations).where(and(eq(charityDonations.tenantId, tenantId), eq(charityDonations.id, said.donationId)));
  if (!donation) return refuse('not_found');
  if (donation.provider !== provider.id || donation.amountFen !== said.amountFen) return refuse('mismatch');
  if (said.outcome === 'cancelled') {
    // A cancel notice cannot undo a payment already confirmed.
    const cancelled = await cancelDonation(w, donation.id, `plugin:charity-fund:${provider.id}`);
    return cancelled.ok || donation.status === 'cancelled' ? { ok: true, outcome: 'cancelled', donationId: donation.id } : { ok: false, reason: 'not_pending' };
  }
  const confirmed = await confirmDonation(w, donation.id, { confirmedBy: null, gatewayReference: said.reference, address });
  if (!confirmed.ok) return { ok: false, reason: confirmed.reason };
  return { ok: true, outcome: 'paid', donationId: donation.id };
}
