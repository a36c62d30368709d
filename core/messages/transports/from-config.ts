import type { Config } from '../../config.ts';
import { smtpTransport } from './email.ts';
import { httpSmsProvider } from './http-sms-provider.ts';
import { smsTransport } from './sms.ts';
import type { Transports } from './transport.ts';

/** The transports the environment configures; a channel with none keeps its messages in the outbox. */
export function transportsFromConfig(config: Config): Transports {
  const transports: Transports = {};
  if (config.SMTP_URL) transports.email = smtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM });
  if (config.SMS_API_URL && config.SMS_API_KEY && config.SMS_SIGN_NAME) {
    const provider = httpSmsProvider({ url: config.SMS_API_URL, apiKey: config.SMS_API_KEY });
    transports.sms = smsTransport({ provider, signName: config.SMS_SIGN_NAME, templates: config.SMS_TEMPLATES });
  }
  return transports;
}
