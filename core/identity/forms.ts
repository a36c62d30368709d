import { z } from 'zod';
import type { IdentityMessages } from './messages.ts';

/** Keys of plain-string messages: a schema's issue message is one of them, translated when shown. */
export type MessageKey = { [K in keyof IdentityMessages]: IdentityMessages[K] extends string ? K : never }[keyof IdentityMessages];
const key = (k: MessageKey) => k;

export type Login = { kind: 'email'; email: string } | { kind: 'mobile'; mobile: string };

/** One login of one city as a string: the key of the limits and backoffs kept per login. */
export const loginKey = (tenantId: string, login: Login) => `${tenantId}|${login.kind === 'email' ? login.email : login.mobile}`;

const MOBILE = /^1[3-9]\d{9}$/;
const email = z.email().max(254);

/**
 * An email address or a mainland mobile number. Phones are typed with spaces,
 * dashes or a +86 prefix, so those are dropped before the number is checked.
 */
export const loginField = z
  .string()
  .trim()
  .min(1, key('loginRequired'))
  .transform((raw, ctx): Login => {
    const digits = raw.replace(/[\s-]/g, '').replace(/^\+86/, '');
    if (MOBILE.test(digits)) return { kind: 'mobile', mobile: digits };
    if (email.safeParse(raw).success) return { kind: 'email', email: raw.toLowerCase() };
    ctx.addIssue({ code: 'custom', message: key('loginInvalid') });
    return z.NEVER;
  });

const newPassword = z.string().min(1, key('passwordRequired')).min(8, key('passwordTooShort')).max(200, key('passwordTooLong'));

export const registerForm = z
  .object({
    name: z.string().trim().min(1, key('nameRequired')).max(100, key('nameTooLong')),
    login: loginField,
    password: newPassword,
    password_confirm: z.string(),
  })
  .refine((f) => f.password === f.password_confirm, { path: ['password_confirm'], message: key('passwordMismatch') });

/** A new password chosen through a reset link or code. */
export const newPasswordForm = z
  .object({ password: newPassword, password_confirm: z.string() })
  .refine((f) => f.password === f.password_confirm, { path: ['password_confirm'], message: key('passwordMismatch') });

/** The six digits of an SMS code, as typed (spaces dropped). */
export const smsCode = z.string().transform((raw) => raw.replace(/\s/g, '')).pipe(z.string().regex(/^\d{6}$/));

export const signInForm = z.object({
  login: loginField,
  password: z.string().min(1, key('passwordRequired')).max(200, key('passwordTooLong')),
});

export const changePasswordForm = z
  .object({
    current_password: z.string().min(1, key('passwordRequired')).max(200, key('passwordTooLong')),
    new_password: newPassword,
    new_password_confirm: z.string(),
  })
  .refine((f) => f.new_password === f.new_password_confirm, { path: ['new_password_confirm'], message: key('passwordMismatch') });

export type FieldErrors = Partial<Record<string, string>>;

/** The first problem of each field, in the user's language. */
export function fieldErrors(error: z.ZodError, t: IdentityMessages): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    const text = t[issue.message as MessageKey];
    errors[field] = typeof text === 'string' ? text : issue.message;
  }
  return errors;
}

/** Text fields of a submitted form as strings (a missing or repeated field becomes one string). */
export function formValues(body: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, typeof body[n] === 'string' ? body[n] : '']));
}
