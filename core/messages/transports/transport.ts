import type { Channel } from '../kinds.ts';

/** One message as a transport sends it; `id` is the outbox row's id, the provider's idempotency key. */
export type OutgoingMessage = {
  id: string;
  channel: Channel;
  address: string;
  subject: string | null;
  text: string;
  smsTemplate: string | null;
  smsParams: Record<string, string> | null;
};

export interface MessageTransport {
  /** Resolves to the provider's id for the message once the provider accepted it. */
  send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;
  close?(): void;
}

/** A refusal that will not change on a retry (an address the provider rejects, an unknown template). */
export class PermanentDeliveryError extends Error {}

export type Transports = Partial<Record<Channel, MessageTransport>>;
