import type { CityWork } from '../../../core/plugin-api.ts';

/**
 * How money reaches a fund. A provider starts a payment for a pending donation
 * and, for gateways, reads the gateway's signed callback. The donation becomes a
 * ledger posting only when confirmed: by staff (offline) or by a callback whose
 * signature holds (gateways). See README "Payment providers".
 */

/** What a provider needs of a donation. */
export type PaymentRequest = {
  donationId: string;
  amountFen: number;
  /** Shown on the gateway's page, e.g. the fund's name. */
  subject: string;
};

/** Addresses on the city's site a gateway sends the donor or its callback to. */
export type SiteLinks = {
  /** Absolute URL of a path of this plugin on the city's site, e.g. `/donations/<id>`. */
  pluginUrl: (path: string) => string;
};

export type PaymentStart =
  /** Send the donor's browser to the gateway. */
  | { kind: 'redirect'; url: string }
  /** A promise to pay outside the platform (bank transfer, cash); staff confirm when the money arrives. */
  | { kind: 'pledge' };

/** A gateway's callback as it arrived: its fields and its signature. */
export type GatewayCallback = { fields: Record<string, string>; signature: string };

/** What a verified callback says happened. */
export type PaymentOutcome = { donationId: string; amountFen: number; reference: string; outcome: 'paid' | 'cancelled' };

export interface PaymentProvider {
  id: string;
  /** `staff`: confirmed by hand on the staff page; `gateway`: by the provider's signed callback. */
  confirmedBy: 'staff' | 'gateway';
  /** A gateway creates the order over the network: the caller commits its work first, so no transaction waits on it. */
  startPayment(donation: PaymentRequest, site: SiteLinks): Promise<PaymentStart>;
  /** A gateway's callback checked against the city's secret: what it says, or null when the signature does not hold. */
  confirm(callback: GatewayCallback, secret: string): PaymentOutcome | null;
}

/** Loads (creating on first use) the city's secret for a provider; see keys.ts. */
export type SecretSource = (w: CityWork, providerId: string) => Promise<string>;
