import { z } from 'zod';
import { AVAILABILITY, keysOf, MEMBER_ROLES, ORGANISATION_KINDS, PROJECT_CATEGORIES, SKILLS, TARGET_GROUPS } from './catalogue.ts';
import { isIdType, isValidIdNumber, normaliseIdNumber, type IdType } from '../volunteers/id-documents.ts';
import { isValidCreditCode, normaliseCreditCode, normaliseMobile, normalisePhone } from './identifiers.ts';
import type { ErrorKey, ErrorMessages } from './messages.ts';
import { parseLocalDate, parseLocalDateTime } from './time.ts';

/** Zod issues carry a key of the error catalogue; `fieldErrors` translates them. */
const key = (k: ErrorKey) => k;

export type FormValues = Record<string, string | string[]>;
export type FieldErrors = Partial<Record<string, string>>;

/** The first problem of each field, in the user's language. */
export function fieldErrors(error: z.ZodError, t: ErrorMessages): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors[field]) errors[field] = t[issue.message as ErrorKey] ?? t.invalid;
  }
  return errors;
}

const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const oneOf = (values: readonly string[]) => z.string().refine((v) => values.includes(v), key('choose'));
const listOf = (values: readonly string[], min: number) =>
  z.array(z.string()).refine((l) => l.every((v) => values.includes(v)), key('choose')).refine((l) => l.length >= min, key('chooseOne'));
const whole = (min: number, max: number) =>
  z.string().trim().regex(/^\d{1,6}$/, key('wholeNumber')).transform(Number).refine((n) => n >= min && n <= max, key('outOfRange'));
const phone = z.string().transform((v, ctx) => normalisePhone(v) ?? (ctx.addIssue({ code: 'custom', message: key('phoneInvalid') }), z.NEVER));
const date = z.string().transform((v, ctx) => parseLocalDate(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateInvalid') }), z.NEVER));
const dateTime = z.string().transform((v, ctx) => parseLocalDateTime(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateTimeInvalid') }), z.NEVER));

export const organisationForm = (districts: readonly string[]) =>
  z.object({
    name: text(100),
    kind: z.enum(keysOf(ORGANISATION_KINDS), key('choose')),
    description: text(2000),
    district: oneOf(districts),
    contact_phone: phone,
    credit_code: z
      .string()
      .transform(normaliseCreditCode)
      .refine((v) => v === '' || isValidCreditCode(v), key('creditCodeInvalid'))
      .transform((v) => v || null),
  });

export const rejectForm = z.object({ reason: text(500) });

export const memberForm = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email(key('emailInvalid'))),
  role: z.enum(keysOf(MEMBER_ROLES), key('choose')),
});

const ID_NUMBER_ERRORS: Record<IdType, ErrorKey> = {
  resident_id: 'idCardInvalid',
  passport: 'passportInvalid',
  hk_macao_permit: 'hkMacaoPermitInvalid',
  taiwan_permit: 'taiwanPermitInvalid',
};

/** An identity document is optional, but a type needs a number and a number needs a type, in that type's format. */
const idDocument = (today: Date) =>
  z
    .object({ id_type: z.string().refine((v) => v === '' || isIdType(v), key('choose')), id_number: z.string().transform(normaliseIdNumber) })
    .transform((v, ctx) => {
      if (v.id_type === '' && v.id_number === '') return null;
      if (v.id_type === '') return ctx.addIssue({ code: 'custom', path: ['id_type'], message: key('idTypeMissing') }), z.NEVER;
      const type = v.id_type as IdType;
      if (v.id_number === '') return ctx.addIssue({ code: 'custom', path: ['id_number'], message: key('idNumberMissing') }), z.NEVER;
      if (!isValidIdNumber(type, v.id_number, today)) return ctx.addIssue({ code: 'custom', path: ['id_number'], message: key(ID_NUMBER_ERRORS[type]) }), z.NEVER;
      return { type, number: v.id_number };
    });

export const profileForm = (districts: readonly string[], today = new Date()) =>
  z
    .object({
      real_name: text(50),
      mobile: z.string().transform((v, ctx) => normaliseMobile(v) ?? (ctx.addIssue({ code: 'custom', message: key('mobileInvalid') }), z.NEVER)),
      skills: listOf(Object.keys(SKILLS), 0),
      service_areas: listOf(districts, 1),
      availability: listOf(Object.keys(AVAILABILITY), 1),
    })
    .and(z.object({ id_type: z.string(), id_number: z.string() }).pipe(idDocument(today)).transform((id_document) => ({ id_document })));

export const projectForm = (districts: readonly string[]) =>
  z
    .object({
      name: text(100),
      category: z.enum(keysOf(PROJECT_CATEGORIES), key('choose')),
      target_groups: listOf(Object.keys(TARGET_GROUPS), 1),
      district: oneOf(districts),
      starts_on: date,
      ends_on: date,
      place: text(200),
      contact: text(100),
      volunteers_wanted: whole(1, 10000),
      description: text(4000),
    })
    .refine((f) => f.ends_on >= f.starts_on, { path: ['ends_on'], message: key('endsBeforeStart') });

export const needForm = (districts: readonly string[]) =>
  z.object({
    help: text(1000),
    district: oneOf(districts),
    place: text(200),
    wanted_when: text(200),
    contact: phone,
  });

export const activityForm = (now = new Date()) =>
  z
    .object({
      title: text(100),
      starts_at: dateTime.refine((d) => d > now, key('inThePast')),
      ends_at: dateTime,
      place: text(200),
      capacity: whole(1, 10000),
      requires_approval: z.string().transform((v) => v === 'yes'),
    })
    .refine((f) => f.ends_at > f.starts_at, { path: ['ends_at'], message: key('endsBeforeStart') });

/** One district per line; blank lines dropped, duplicates refused. */
export const districtsForm = z.object({
  districts: z
    .string()
    .transform((v) => v.split('\n').map((l) => l.trim()).filter(Boolean))
    .refine((l) => l.length > 0, key('required'))
    .refine((l) => l.every((d) => d.length <= 30), key('tooLong'))
    .refine((l) => l.length <= 200, key('outOfRange'))
    .refine((l) => new Set(l).size === l.length, key('duplicates')),
});

export const signupDecisionForm = z.object({ decision: z.enum(['approve', 'reject']) });
export const takeNeedForm = z.object({ organisation: z.guid() });

/** Any 8-4-4-4-12 hex id; anything else cannot be a row and must not reach a uuid column. */
export const idParam = z.guid();
