import { z } from 'zod';
import { idParam, type FieldErrors } from '../shared/forms.ts';
import type { ErrorMessages } from '../shared/messages.ts';
import type { recordErrors } from './messages.ts';
import { MAX_RECORD_MINUTES } from './verification.ts';

/** The record forms; zod issues name a key of the volunteering or the record error catalogue. */
type RecordErrors = (typeof recordErrors)['zh-CN'];
type Key = keyof ErrorMessages | keyof RecordErrors;
const key = (k: Key) => k;

/** The first problem of each field, looked up in both catalogues. */
export function recordFieldErrors(error: z.ZodError, t: ErrorMessages, r: RecordErrors): FieldErrors {
  const messages: Record<string, string> = { ...t, ...r };
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors[field]) errors[field] = messages[issue.message] ?? t.invalid;
  }
  return errors;
}

const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const number = (pattern: RegExp, message: Key) => z.string().trim().refine((v) => v === '' || pattern.test(v), message);

/**
 * An optional corrected duration in hours and minutes: both empty keeps the
 * recorded one (`minutes` undefined); otherwise 1 minute to 24 hours.
 */
export const verifyForm = z
  .object({ hours: number(/^\d{1,2}$/, 'wholeNumber'), minutes: number(/^([0-5]?\d)$/, 'minutesPart') })
  .transform((f, ctx) => {
    if (f.hours === '' && f.minutes === '') return { minutes: undefined };
    const total = Number(f.hours || 0) * 60 + Number(f.minutes || 0);
    if (total < 1) ctx.addIssue({ code: 'custom', path: ['minutes'], message: key('durationTooShort') });
    if (total > MAX_RECORD_MINUTES) ctx.addIssue({ code: 'custom', path: ['hours'], message: key('durationTooLong') });
    return { minutes: total };
  });

/** A required text of up to 500 characters under the field's own name (reasons, answers, disputes). */
export const reasonForm = <N extends string>(name: N) => z.object({ [name]: text(500) } as Record<N, ReturnType<typeof text>>);

export const evaluateForm = z.object({
  rating: z.string().regex(/^[1-5]$/, key('ratingChoose')).transform(Number),
  comment: z.string().trim().max(500, key('tooLong')),
});

/** The distinct ids a bulk verification names; what cannot be an id cannot be a record and is dropped. */
export const recordIds = (values: readonly string[]): string[] => [...new Set(values.filter((v) => idParam.safeParse(v).success).map((v) => v.toLowerCase()))];
