import type { Locale } from '../i18n/messages.ts';

export type Channel = 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['email', 'sms'];
export type MessageParams = Record<string, string | number>;
export type CityName = { 'zh-CN': string; en: string };

/**
 * What a feature sends: declared once next to the feature (core/identity/..., a plugin),
 * rendered into the outbox at queue time in the recipient's language under the city's name.
 */
export type MessageKind<P extends MessageParams = MessageParams> = {
  /** '<group>.<name>': the group (the part before the first dot) is what a person opts out of. */
  id: string;
  /** Security or transactional: a person cannot opt out, and it has its own, higher rate limit. */
  essential: boolean;
  /** Its body is never shown to a city admin or the platform operator. */
  sensitive: boolean;
  /** Channels it may use, in order of preference. */
  channels: Channel[];
  email?: (p: P, locale: Locale, city: CityName) => { subject: string; text: string };
  sms?: {
    /** Provider template key, mapped to the provider's template id by SMS_TEMPLATES. */
    template: string;
    params: (p: P) => Record<string, string>;
    /** The SMS as a person reads it (what the outbox keeps and the console shows). */
    text: (p: P, locale: Locale, city: CityName) => string;
  };
};

export function defineMessageKind<P extends MessageParams>(kind: MessageKind<P>): MessageKind<P> {
  if (!/^[a-z0-9-]+\.[a-z0-9.-]+$/.test(kind.id)) throw new Error(`message kind id "${kind.id}" must read <group>.<name>`);
  for (const channel of kind.channels) {
    if (!kind[channel]) throw new Error(`message kind ${kind.id} lists ${channel} but does not say how to render it`);
  }
  return kind;
}

/** The opt-out group of a kind: 'volunteering.signup-approved' → 'volunteering'. */
export function groupOf(kindId: string): string {
  return kindId.slice(0, kindId.indexOf('.'));
}
