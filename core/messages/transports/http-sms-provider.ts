import { z } from 'zod';
import type { SmsProvider } from './sms-provider.ts';
import { PermanentDeliveryError } from './transport.ts';

const reply = z.object({ Code: z.string(), Message: z.string().optional(), BizId: z.string().optional() });

/**
 * An SMS provider over HTTP in the shape of the common Chinese SMS APIs (阿里云短信 SendSms and
 * its imitators): a JSON POST of PhoneNumbers, SignName, TemplateCode, TemplateParam (a JSON
 * string) and OutId, answered by `{ Code: "OK", BizId }` or another Code with a Message.
 * The key goes in the Authorization header.
 */
export function httpSmsProvider(options: { url: string; apiKey: string }): SmsProvider {
  return {
    async send(request) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({
          PhoneNumbers: request.mobile,
          SignName: request.signName,
          TemplateCode: request.templateId,
          TemplateParam: JSON.stringify(request.params),
          OutId: request.outId,
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status >= 500 || response.status === 429) throw new Error(`SMS provider answered HTTP ${response.status}`);
      const parsed = reply.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new Error(`SMS provider answered HTTP ${response.status} with an unreadable body`);
      const { Code, Message, BizId } = parsed.data;
      if (Code === 'OK' && response.ok) return { providerMessageId: BizId ?? request.outId };
      const failure = `SMS provider refused: ${Code}${Message ? ` ${Message}` : ''}`;
      // Flow control (…LIMIT_CONTROL) and busy answers pass later; a bad number or template never will.
      throw /LIMIT|THROTTL|BUSY|TIMEOUT/i.test(Code) ? new Error(failure) : new PermanentDeliveryError(failure);
    },
  };
}
