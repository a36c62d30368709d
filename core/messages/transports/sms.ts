import type { SmsProvider } from './sms-provider.ts';
import { PermanentDeliveryError, type MessageTransport } from './transport.ts';

/** SMS through a provider: the kind's template key becomes the provider's template id (SMS_TEMPLATES). */
export function smsTransport(options: { provider: SmsProvider; signName: string; templates: Record<string, string> }): MessageTransport {
  return {
    send(message) {
      const templateId = message.smsTemplate ? options.templates[message.smsTemplate] : undefined;
      if (!templateId) throw new PermanentDeliveryError(`SMS_TEMPLATES has no template id for "${message.smsTemplate}"`);
      return options.provider.send({
        mobile: message.address,
        signName: options.signName,
        templateId,
        params: message.smsParams ?? {},
        outId: message.id,
      });
    },
  };
}
