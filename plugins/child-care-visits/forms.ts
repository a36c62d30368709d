import { z } from 'zod';
import { AGE_BANDS, CATEGORIES, CLOSE_REASONS, REFERRAL_KINDS, RISK_LEVELS, VISIT_MODES } from './schema.ts';

/** The posted forms, checked at the boundary; the messages are keys of `errorMessages`. */

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const optional = (max: number) => z.string().trim().max(max, 'too_long');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'bad_date').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'bad_date');

export const CHILD_FIELDS = ['name', 'category', 'district', 'village', 'risk_level', 'risk_reasons', 'review_on', 'director', 'consent_given_by', 'consent_relation', 'consent_purposes', 'consent_given_on', 'guardian_name', 'guardian_phone', 'address', 'school', 'needs'] as const;

const CONSENT = ['consent_given_by', 'consent_relation', 'consent_purposes', 'consent_given_on'] as const;
const DETAILS = ['guardian_name', 'guardian_phone', 'address', 'school', 'needs'] as const;

export const childForm = z
  .object({
    name: text(40),
    category: z.enum(CATEGORIES, { message: 'required' }),
    district: text(40),
    village: text(60),
    risk_level: z.enum(RISK_LEVELS, { message: 'required' }),
    risk_reasons: text(500),
    review_on: day,
    director: text(100),
    consent_given_by: optional(40),
    consent_relation: optional(20),
    consent_purposes: optional(200),
    consent_given_on: z.union([z.literal(''), day]),
    guardian_name: optional(40),
    guardian_phone: z.union([z.literal(''), z.string().trim().regex(/^[0-9+\- ]{5,20}$/, 'bad_phone')]),
    address: optional(200),
    school: optional(100),
    needs: optional(500),
  })
  .superRefine((v, ctx) => {
    const consentGiven = CONSENT.some((k) => v[k] !== '');
    const detailsGiven = DETAILS.some((k) => v[k] !== '');
    // Details beyond the minimum need the guardian's consent first (children under 14: PIPL art. 31).
    if (detailsGiven && !consentGiven) ctx.addIssue({ code: 'custom', path: ['consent_given_by'], message: 'consent_required' });
    if (consentGiven) for (const k of CONSENT) if (v[k] === '') ctx.addIssue({ code: 'custom', path: [k], message: 'required' });
    if (detailsGiven) for (const k of DETAILS) if (v[k] === '') ctx.addIssue({ code: 'custom', path: [k], message: 'required' });
  });

export const VISIT_FIELDS = ['visited_on', 'mode', 'findings', 'needs', 'follow_up'] as const;

export const visitForm = z.object({
  visited_on: day,
  mode: z.enum(VISIT_MODES, { message: 'required' }),
  findings: text(1000),
  needs: optional(500),
  follow_up: optional(500),
});

export const REFERRAL_FIELDS = ['kind', 'reason'] as const;
export const referralForm = z.object({ kind: z.enum(REFERRAL_KINDS, { message: 'required' }), reason: text(500) });

export const WISH_FIELDS = ['alias', 'age_band', 'wish'] as const;
/** An alias is short: a first-name initial or a nickname, never the name. */
export const wishForm = z.object({ alias: text(6), age_band: z.enum(AGE_BANDS, { message: 'required' }), wish: text(200) });

export const CLOSE_FIELDS = ['reason'] as const;
export const closeForm = z.object({ reason: z.enum(CLOSE_REASONS, { message: 'required' }) });

export const SUPERVISOR_FIELDS = ['login', 'district'] as const;
export const supervisorForm = z.object({ login: text(100), district: text(40) });

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** The first message of each field, translated. */
export function fieldErrors(error: z.ZodError, words: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!out[key]) out[key] = words[issue.message] ?? words.required!;
  }
  return out;
}

export const APPLY_FIELDS = ['motivation', 'no_record'] as const;
/** The declaration of no criminal record must be ticked: without it there is no application. */
export const applyForm = z.object({ motivation: text(300), no_record: z.literal('yes', { message: 'declaration_required' }) });

export const VET_FIELDS = ['decision', 'check_reference'] as const;
export const vetForm = z.object({ decision: z.enum(['approve', 'reject'], { message: 'required' }), check_reference: text(100) });

export const PAIR_FIELDS = ['caring_parent', 'organisation', 'alias'] as const;
export const pairForm = z.object({ caring_parent: z.string().uuid('required'), organisation: z.string().uuid('required'), alias: text(6) });

export const CONTACT_FIELDS = ['contacted_on', 'minutes', 'mode', 'note'] as const;
export const contactForm = z.object({
  contacted_on: day,
  minutes: z.string().trim().regex(/^\d{1,4}$/, 'bad_minutes').transform(Number).refine((n) => n >= 1 && n <= 1440, 'bad_minutes'),
  mode: z.enum(VISIT_MODES, { message: 'required' }),
  note: text(200),
});
