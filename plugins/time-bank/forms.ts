import { z } from 'zod';
import { parseLocalDate, toLocalDateInput } from '../../core/plugin-api.ts';
import type { ErrorKey } from './admin-messages.ts';
import { parseCredits } from './credits.ts';

/** The time bank's forms. Issues carry a key of the error catalogue; the routes translate them. */
const key = (k: ErrorKey) => k;
const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const credits = z.string().transform((v, ctx) => parseCredits(v) ?? (ctx.addIssue({ code: 'custom', message: key('credits') }), z.NEVER));
const whole = z.string().trim().regex(/^\d{1,6}$/, key('wholeNumber')).transform(Number).refine((n) => n <= 100000, key('wholeNumber'));

export const listingForm = z.object({
  kind: z.enum(['offer', 'request'], key('choose')),
  title: text(60),
  description: text(1000),
  credits,
});

export const respondForm = z.object({ message: z.string().trim().max(500, key('tooLong')) });
export const disputeForm = z.object({ reason: text(500) });
export const resolveForm = z.object({ decision: z.enum(['complete', 'cancel'], key('choose')), note: text(500) });

export const itemForm = z.object({
  kind: z.enum(['goods', 'service', 'elder_care'], key('choose')),
  name: text(60),
  description: text(1000),
  donor: text(60),
  price: credits,
  stock: whole,
});
export const stockForm = z.object({ stock: whole, active: z.string().transform((v) => v === 'on' || v === 'yes') });

export const linkForm = z.object({ login: text(100), relation: text(20) });
export const giveForm = z.object({ to: z.guid(key('notFamily')), amount: credits });
export const codeForm = z.object({ code: z.string() });

/** A declared birth date: a real day after 1900 and before today (China time). */
export const birthDateForm = (now = new Date()) =>
  z.object({
    birth_date: z
      .string()
      .trim()
      .transform((v, ctx) => (parseLocalDate(v) ? v : (ctx.addIssue({ code: 'custom', message: key('date') }), z.NEVER)))
      .refine((v) => v >= '1900-01-01' && v < toLocalDateInput(now), key('dateRange')),
  });
