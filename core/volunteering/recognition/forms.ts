import { z } from 'zod';
import type { ErrorKey } from '../shared/messages.ts';
import { parseLocalDate, toLocalDateInput } from '../shared/time.ts';

/** Zod issues carry a key of the shared error catalogue (`fieldErrors` translates them), or `tooMany`. */
const key = (k: ErrorKey) => k;
export const MAX_NUMBERS = 200;

const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
/** A China date not after today, kept as `YYYY-MM-DD`. */
const pastDay = (today: Date) =>
  z.string().trim().min(1, key('required')).refine((v) => parseLocalDate(v) !== null, key('dateInvalid')).refine((v) => v <= toLocalDateInput(today), key('outOfRange'));
/** One volunteer number a line (or separated by spaces or commas), upper-cased, each once. */
const numbers = z
  .string()
  .transform((v) => [...new Set(v.split(/[\s,，]+/).map((n) => n.trim().toUpperCase()).filter(Boolean))])
  .refine((l) => l.length > 0, key('required'))
  .refine((l) => l.length <= MAX_NUMBERS, 'tooMany');

export const trainingForm = (today = new Date()) =>
  z.object({
    title: text(200),
    held_on: pastDay(today),
    minutes: z.string().trim().regex(/^\d{1,4}$/, key('wholeNumber')).transform(Number).refine((n) => n >= 1 && n <= 1440, key('outOfRange')),
    numbers,
  });

export const commendationForm = (today = new Date()) =>
  z.object({ title: text(200), awarded_by: text(200), awarded_on: pastDay(today), numbers });
