import { randomBytes } from 'node:crypto';
import type { GatewayCallback, PaymentOutcome, PaymentProvider } from './provider.ts';
import { signatureHolds, signFields } from './signature.ts';

const FEN = /^[1-9]\d{0,15}$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The sandbox gateway, for tests and demos: a page on the city's own site plays
 * the gateway (pay or cancel), then sends the same signed callback a real gateway
 * would. No money moves anywhere; everything else is the real path.
 */
export const sandboxProvider: PaymentProvider = {
  id: 'sandbox',
  confirmedBy: 'gateway',
  startPayment: async (donation, site) => ({ kind: 'redirect', url: site.pluginUrl(`/sandbox/pay/${donation.donationId}`) }),
  confirm(callback: GatewayCallback, secret: string): PaymentOutcome | null {
    const { donation, amount_fen, reference, outcome } = callback.fields;
    if (!signatureHolds(callback.fields, callback.signature, secret)) return null;
    if (!donation || !ID.test(donation) || !amount_fen || !FEN.test(amount_fen) || !reference || (outcome !== 'paid' && outcome !== 'cancelled')) return null;
    return { donationId: donation, amountFen: Number(amount_fen), reference, outcome };
  },
};

/** What the sandbox gateway sends back after the donor pays or cancels on its page. */
export function sandboxCallback(donationId: string, amountFen: number, outcome: 'paid' | 'cancelled', secret: string): GatewayCallback {
  const fields = { donation: donationId, amount_fen: String(amountFen), reference: `SBX-${randomBytes(6).toString('hex').toUpperCase()}`, outcome };
  return { fields, signature: signFields(fields, secret) };
}
