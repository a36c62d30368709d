/** What an SMS provider needs for one text: most Chinese providers send only approved templates. */
export type SmsRequest = {
  mobile: string;
  signName: string;
  templateId: string;
  params: Record<string, string>;
  /** Our id for the text: the provider echoes it in receipts and may refuse a repeat of it. */
  outId: string;
};

export interface SmsProvider {
  /** Resolves to the provider's id once it accepted the text; throws otherwise. */
  send(request: SmsRequest): Promise<{ providerMessageId: string }>;
}
