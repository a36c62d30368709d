import { offlineProvider } from './offline.ts';
import type { PaymentProvider } from './provider.ts';
import { sandboxProvider } from './sandbox.ts';

/** The providers a city may choose in its settings; a real gateway is added here (README "Payment providers"). */
export const PAYMENT_PROVIDERS = { offline: offlineProvider, sandbox: sandboxProvider } satisfies Record<string, PaymentProvider>;
export type ProviderId = keyof typeof PAYMENT_PROVIDERS;
export const PROVIDER_IDS = Object.keys(PAYMENT_PROVIDERS) as [ProviderId, ...ProviderId[]];

export function providerFor(id: string): PaymentProvider | null {
  return (PAYMENT_PROVIDERS as Record<string, PaymentProvider>)[id] ?? null;
}
