import type { Context } from 'hono';
import { z } from 'zod';
import { SLUG_PATTERN } from '../tenancy/tenant.ts';
import type { ConsoleMessages } from './messages.ts';

/** Keys of the console catalogue that are plain strings: what a schema's error messages name. */
type ErrorKey = { [K in keyof ConsoleMessages]: ConsoleMessages[K] extends string ? K : never }[keyof ConsoleMessages];

const msg = (key: ErrorKey) => key;
const email = z.string().trim().toLowerCase().min(1, msg('required')).max(200, msg('tooLong')).pipe(z.email(msg('badEmail')));
/** Slugs that name the platform's own services or a host a browser treats specially, never a city. */
const RESERVED_SLUGS = new Set(['www', 'admin', 'api', 'static', 'console', 'platform', 'mail', 'localhost']);
/** A name must show: something to read, and no control, zero-width or direction-override characters that hide or reverse it. */
const READABLE = /[\p{L}\p{N}]/u;
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const cityName = (max: number) =>
  z.string().trim().min(1, msg('required')).max(max, msg('tooLong')).refine((n) => READABLE.test(n) && !INVISIBLE.test(n), msg('unreadableName'));
const HOST = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function onboardSchema(platformDomain: string) {
  return z.object({
    nameZh: cityName(40),
    nameEn: cityName(80),
    slug: z.string().trim().min(1, msg('required')).regex(SLUG_PATTERN, msg('badSlug')).refine((slug) => !RESERVED_SLUGS.has(slug), msg('reservedSlug')),
    // A host under the platform domain is reached by slug already and could never resolve as a custom domain.
    host: z
      .string()
      .trim()
      .toLowerCase()
      .refine((h) => h === '' || (HOST.test(h) && h !== platformDomain && !h.endsWith(`.${platformDomain}`)), msg('badHost'))
      .transform((h) => h || null),
    primaryColor: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, msg('badColor')),
    adminEmail: email,
  });
}

export function foundationSchema(pluginIds: readonly string[]) {
  return z.object({
    name: z.string().trim().min(1, msg('required')).max(100, msg('tooLong')),
    email,
    password: z.string().min(8, msg('passwordTooShort')).max(200, msg('tooLong')),
    plugins: z.array(z.string().refine((id) => pluginIds.includes(id), msg('unknownPlugin'))),
  });
}

export const inviteSchema = z.object({ email });

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(200),
  password: z.string().max(200),
});

/** The first error of each field, in the user's language; an unexpected issue reads as "required". */
export function fieldErrors(error: z.ZodError, t: ConsoleMessages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    const text = (t as Record<string, unknown>)[issue.message];
    errors[field] = typeof text === 'string' ? text : t.required;
  }
  return errors;
}

/** A urlencoded or multipart form as plain strings (files and missing fields become ''); `lists` keep every value. */
export async function readForm<F extends string, L extends string = never>(
  c: Context,
  fields: readonly F[],
  lists: readonly L[] = [],
): Promise<Record<F, string> & Record<L, string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const f of fields) {
    const v = body[f];
    const first = Array.isArray(v) ? v[0] : v;
    out[f] = typeof first === 'string' ? first : '';
  }
  for (const l of lists) {
    const v = body[l];
    out[l] = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  }
  return out as Record<F, string> & Record<L, string[]>;
}
