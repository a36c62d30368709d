import { z } from 'zod';

/** The environment variables of message delivery (core/config.ts includes them; the README lists them). */
export const messagingEnv = {
  /** smtp://user:pass@host:587 or smtps://...:465; unset: email is kept in the outbox, not sent. */
  SMTP_URL: z.string().url().optional(),
  /** The From of every email, e.g. `Volunteer Commons <no-reply@example.org>`. */
  MAIL_FROM: z.string().min(3).default('Volunteer Commons <no-reply@localhost>'),
  /** The SMS provider's send endpoint; unset: SMS is kept in the outbox, not sent. */
  SMS_API_URL: z.string().url().optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  /** The approved signature (签名) the provider puts before every text, e.g. 志愿公益. */
  SMS_SIGN_NAME: z.string().min(1).optional(),
  /** JSON object: template key of a message kind → the provider's approved template id. */
  SMS_TEMPLATES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return {};
      try {
        return z.record(z.string(), z.string().min(1)).parse(JSON.parse(value));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'SMS_TEMPLATES must be a JSON object of template key to template id' });
        return z.NEVER;
      }
    }),
};

/** An SMS provider is all four variables or none: a half-configured one would fail on every text. */
export function completeSmsProvider(env: { SMS_API_URL?: string; SMS_API_KEY?: string; SMS_SIGN_NAME?: string; SMS_TEMPLATES: Record<string, string> }, ctx: z.RefinementCtx) {
  if (!env.SMS_API_URL) return;
  for (const name of ['SMS_API_KEY', 'SMS_SIGN_NAME'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required when SMS_API_URL is set` });
  }
  if (Object.keys(env.SMS_TEMPLATES).length === 0) ctx.addIssue({ code: 'custom', path: ['SMS_TEMPLATES'], message: 'SMS_TEMPLATES is required when SMS_API_URL is set' });
}
