import { z } from 'zod';
import { parseLocalDate, parseYuan } from '../../core/plugin-api.ts';
import type { ErrorKey, ErrorMessages } from './messages.ts';
import { PROJECT_KINDS } from './proposals.ts';
import { VISIBILITIES } from './donations.ts';

/** The plugin's forms; a zod issue's message is a key of the error catalogue. */
const key = (k: ErrorKey) => k;
export type FormValues = Record<string, string>;
export type FieldErrors = Partial<Record<string, string>>;

/** The first problem of each field, in the reader's language. */
export function fieldErrors(error: z.ZodError, t: ErrorMessages): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    const message = t[issue.message as ErrorKey];
    errors[field] ??= typeof message === 'string' ? message : t.invalid;
  }
  return errors;
}

const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const optionalText = (max: number) => z.string().trim().max(max, key('tooLong'));
/** Typed yuan → exact whole fen (never a float), or the amount message. */
export const yuan = z.string().transform((v, ctx) => parseYuan(v) ?? (ctx.addIssue({ code: 'custom', message: key('amountInvalid') }), z.NEVER));
const day = z.string().trim().refine((v) => parseLocalDate(v) !== null, key('dateInvalid'));
const oneOf = <T extends string>(values: readonly T[]) => z.string().refine((v): v is T => (values as readonly string[]).includes(v), key('choose')).transform((v) => v as T);
const quantity = z.string().trim().regex(/^\d{1,7}$/, key('quantityInvalid')).transform(Number).refine((n) => n >= 1 && n <= 1_000_000, key('quantityInvalid'));
/** An optional id from a select: empty means none; anything else must be an id (checked against the city by the service). */
const optionalId = z.string().trim().refine((v) => v === '' || z.guid().safeParse(v).success, key('choose')).transform((v) => (v ? v.toLowerCase() : null));
const requiredId = z.string().trim().refine((v) => z.guid().safeParse(v).success, key('choose')).transform((v) => v.toLowerCase());

export const fundForm = z
  .object({ name: text(100), community: text(100), host_charity: text(200), purpose: text(2000), target: yuan, starts_on: day, ends_on: day })
  .refine((f) => f.ends_on >= f.starts_on, { path: ['ends_on'], message: key('endsBeforeStart') });
export const FUND_FIELDS = ['name', 'community', 'host_charity', 'purpose', 'target', 'starts_on', 'ends_on'];

export const donationForm = z.object({ project: optionalId, amount: yuan, donor_name: text(50), visibility: oneOf(VISIBILITIES), message: optionalText(200) });
export const DONATION_FIELDS = ['project', 'amount', 'donor_name', 'visibility', 'message'];

export const cashForm = donationForm.omit({ project: true }).extend({ fund: requiredId });
export const CASH_FIELDS = ['fund', 'amount', 'donor_name', 'visibility', 'message'];

export const proposalForm = z.object({ kind: oneOf(PROJECT_KINDS), title: text(100), applicant: text(100), need: text(2000), beneficiaries: text(500), budget: yuan });
export const PROPOSAL_FIELDS = ['kind', 'title', 'applicant', 'need', 'beneficiaries', 'budget'];

export const approveForm = z.object({ approve_amount: yuan });
export const reasonForm = z.object({ reason: text(500) });

export const grantForm = z.object({ project: requiredId, amount: yuan, note: optionalText(200) });
export const GRANT_FIELDS = ['project', 'amount', 'note'];

export const expenseForm = z.object({ source: optionalId, purpose: text(200), payee: text(100), amount: yuan, document_ref: text(100) });
export const EXPENSE_FIELDS = ['source', 'purpose', 'payee', 'amount', 'document_ref'];

export const stationForm = z.object({ name: text(100), address: text(200) });
export const STATION_FIELDS = ['name', 'address'];

export const giftForm = z.object({ fund: requiredId, item: text(100), unit: text(10), quantity, estimated: yuan, donor_name: text(50), visibility: oneOf(VISIBILITIES) });
export const GIFT_FIELDS = ['fund', 'item', 'unit', 'quantity', 'estimated', 'donor_name', 'visibility'];

export const distributeForm = z.object({ quantity, beneficiary: text(100) });
