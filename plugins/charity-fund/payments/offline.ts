import type { PaymentProvider } from './provider.ts';

/**
 * Offline: the donor pledges and pays by bank transfer or in cash at a station;
 * station staff confirm the pledge on the staff page when the money arrives.
 * It has no gateway, so no callback is ever accepted for it.
 */
export const offlineProvider: PaymentProvider = {
  id: 'offline',
  confirmedBy: 'staff',
  startPayment: async () => ({ kind: 'pledge' }),
  confirm: () => null,
};
