import { z } from 'zod';
import { parseLocalDate, parseLocalDateTime } from '../../core/plugin-api.ts';
import { MAX_BATCH_CARDS } from './batches.ts';
import { EMERGENCY_GROUNDS, EXEMPT_GROUPS, OUTCOMES } from './applications.ts';
import { DEADLINE_KINDS } from './case-deadlines.ts';
import { CATEGORIES, CONTACTS, URGENCIES } from './consultations.ts';
import type { ErrorKey, ErrorMessages } from './messages.ts';

/** The plugin's forms; a zod issue's message is a key of the error catalogue. */
const key = (k: ErrorKey) => k;
export type FormValues = Record<string, string>;
export type FieldErrors = Partial<Record<string, string>>;

/** The first problem of each field, in the reader's language. */
export function fieldErrors(error: z.ZodError, t: ErrorMessages): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (issue.message === 'countInvalid') errors[field] ??= t.countInvalid(MAX_BATCH_CARDS);
    const message = t[issue.message as ErrorKey];
    errors[field] ??= typeof message === 'string' ? message : t.invalid;
  }
  return errors;
}

const optionalText = (max: number) => z.string().trim().max(max, key('tooLong'));
const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const day = z.string().trim().refine((v) => parseLocalDate(v) !== null, key('dateInvalid'));
const cardCount = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'countInvalid')
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_BATCH_CARDS, 'countInvalid');

export const batchForm = z
  // The foundation is checked by the route against the city's sponsors; the printed name defaults to its name.
  .object({ foundation: z.string().trim().min(1, key('chooseFoundation')).max(40, key('notASponsor')), sponsor: optionalText(100), card_count: cardCount, valid_from: day, valid_until: day })
  .refine((f) => f.valid_until >= f.valid_from, { path: ['valid_until'], message: key('endsBeforeStart') });
export const BATCH_FIELDS = ['foundation', 'sponsor', 'card_count', 'valid_from', 'valid_until'];

export const ACTIVATION_FIELDS = ['number', 'code'];

const oneOf = <T extends string>(values: readonly T[]) => z.string().refine((v): v is T => (values as readonly string[]).includes(v), key('choose')).transform((v) => v as T);
/** A mainland mobile number (11 digits from 1), spaces and dashes allowed. */
const mobile = z.string().transform((v) => v.replace(/[\s-]/g, '')).refine((v) => v === '' || /^1\d{10}$/.test(v), key('phoneInvalid'));

/** One of the city's districts (checked by the route against the setting), or none. */
const district = z.string().trim().max(50, key('choose'));

export const questionForm = z
  .object({ category: oneOf(CATEGORIES), description: text(2000), preferred_contact: oneOf(CONTACTS), contact_phone: mobile, urgency: oneOf(URGENCIES), district })
  .refine((f) => f.preferred_contact !== 'phone' || f.contact_phone !== '', { path: ['contact_phone'], message: key('phoneRequired') });
export const QUESTION_FIELDS = ['category', 'description', 'preferred_contact', 'contact_phone', 'urgency', 'district'];

export const threadForm = z.object({ body: text(2000) });
export const THREAD_FIELDS = ['body'];

const when = z.string().trim().refine((v) => v === '' || parseLocalDateTime(v) !== null, key('dateTimeInvalid'));

export const lessonForm = z
  .object({ kind: oneOf(['article', 'session'] as const), category: oneOf(CATEGORIES), title: text(100), body: text(5000), starts_at: when, place: optionalText(200) })
  .refine((f) => f.kind === 'article' || f.starts_at !== '', { path: ['starts_at'], message: key('sessionNeedsTime') })
  .refine((f) => f.kind === 'article' || f.place !== '', { path: ['place'], message: key('sessionNeedsPlace') });
export const LESSON_FIELDS = ['kind', 'category', 'title', 'body', 'starts_at', 'place'];

export const attendanceForm = z.object({ attendance: z.string().trim().regex(/^\d{1,6}$/, key('attendanceInvalid')).transform(Number) });

const optionalChoice = <T extends string>(values: readonly T[]) => z.string().refine((v) => v === '' || (values as readonly string[]).includes(v), key('choose')).transform((v) => (v === '' ? null : (v as T)));

/** Hardship is declared with a commitment (Art. 41) unless the applicant is in an exempt group (Art. 42). */
export const aidForm = z
  .object({
    category: oneOf(CATEGORIES),
    matter: text(3000),
    adverse_party: text(200),
    exempt_group: optionalChoice(EXEMPT_GROUPS),
    hardship_statement: optionalText(2000),
    commitment: z.string(),
    emergency_ground: optionalChoice(EMERGENCY_GROUNDS),
    district,
  })
  .refine((f) => f.exempt_group !== null || f.hardship_statement !== '', { path: ['hardship_statement'], message: key('hardshipRequired') })
  .refine((f) => f.exempt_group !== null || f.commitment === 'yes', { path: ['commitment'], message: key('commitmentRequired') });
export const AID_FIELDS = ['category', 'matter', 'adverse_party', 'exempt_group', 'hardship_statement', 'commitment', 'emergency_ground', 'district'];

export const decisionForm = z.object({ decision: oneOf(['approve', 'reject'] as const), reasons: text(2000) });
export const designationForm = z.object({ lawyer: z.string().trim().refine((v) => z.guid().safeParse(v).success, key('choose')).transform((v) => v.toLowerCase()) });
export const noteForm = z.object({ note: text(3000) });
/** A referral out names where the case went. */
export const closeForm = z
  .object({ outcome: oneOf(OUTCOMES), referred_to: optionalText(200) })
  .refine((f) => f.outcome !== 'referred_out' || f.referred_to !== '', { path: ['referred_to'], message: key('referralRequired') });
export const conflictsForm = z.object({ firm: optionalText(200), parties: optionalText(5000) });
/** A lawyer's minutes on one consultation or case: a whole number within one day. */
export const hoursForm = z.object({
  minutes: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, key('minutesInvalid'))
    .transform(Number)
    .refine((n) => n >= 1 && n <= 1440, key('minutesInvalid')),
});

/** A case deadline: its kind, when (China time) and a short title. */
export const deadlineForm = z.object({
  kind: oneOf(DEADLINE_KINDS),
  due_at: z.string().trim().refine((v) => parseLocalDateTime(v) !== null, key('dateTimeInvalid')).transform((v) => parseLocalDateTime(v)!),
  title: text(100),
});
export const DEADLINE_FIELDS = ['kind', 'due_at', 'title'];

/** A lawyer's practice areas and districts: each must be one of the lists (`allowed`). */
export function practiceForm(areas: readonly string[], districts: readonly string[]) {
  const within = (allowed: readonly string[]) => z.array(z.string()).max(50).refine((vs) => vs.every((v) => allowed.includes(v)), key('choose')).transform((vs) => [...new Set(vs)]);
  return z.object({ areas: within(areas), districts: within(districts) });
}
