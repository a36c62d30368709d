import { PermanentDeliveryError, type MessageTransport } from './transport.ts';

/**
 * Email over SMTP with nodemailer. The Message-ID is derived from the outbox row's id, so a
 * message sent again after a crash carries the same Message-ID as the first copy.
 * nodemailer is loaded only when SMTP is configured (the demo and tests send no email): loading it
 * is 50 ms CPU of every start.
 */
export function smtpTransport(options: { url: string; from: string }): MessageTransport {
  const mailer = import('nodemailer').then(({ default: nodemailer }) =>
    nodemailer.createTransport({
      url: options.url,
      // A few kept connections: a burst of reminders does not open one connection a message.
      pool: true,
      maxConnections: 3,
      // Well under the outbox's sending lease (5 minutes), so a hung server fails the attempt instead.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    }),
  );
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'localhost';
  return {
    async send(message) {
      const messageId = `<${message.id}@${domain}>`;
      try {
        await (await mailer).sendMail({ from: options.from, to: message.address, subject: message.subject ?? '', text: message.text, messageId });
      } catch (error) {
        throw smtpError(error);
      }
      return { providerMessageId: messageId };
    },
    close: () => void mailer.then((m) => m.close()),
  };
}

/** A 5xx reply is the server's final word on this message; anything else (4xx, a network error) may pass later. */
function smtpError(error: unknown): Error {
  const code = (error as { responseCode?: number }).responseCode;
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && code >= 500 ? new PermanentDeliveryError(message) : new Error(message);
}
