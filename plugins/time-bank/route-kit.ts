import type { Context } from 'hono';
import { z } from 'zod';
import { messagesFor, sitePath, type PluginEnv, type Tx } from '../../core/plugin-api.ts';
import { errorMessages, type ErrorKey } from './admin-messages.ts';
import { formatCredits } from './credits.ts';
import { parseSettings, type TimeBankSettings } from './settings.ts';

/** Helpers every time-bank handler uses. */
export type C = Context<PluginEnv>;
export type FormValues = Record<string, string>;
export type FieldErrors = Partial<Record<string, string>>;

export const settingsOf = (c: C): TimeBankSettings => parseSettings(c.var.pluginSettings);

/** Runs work in this city's tenant transaction. */
export function inCity<T>(c: C, work: (tx: Tx, tenantId: string) => Promise<T>): Promise<T> {
  const tenantId = c.var.tenant.id;
  return c.var.db.tenant(tenantId, (tx) => work(tx, tenantId));
}

export const userId = (c: C) => c.var.user!.id;

/** A page under the plugin's prefix, e.g. `tb(c, '/market')` → `/p/time-bank/market` (with the site's `/t/<slug>`). */
export const tb = (c: C, path: string) => sitePath(c, `/p/time-bank${path}`);

/** The named text fields of a posted form, as strings. */
export async function readForm(c: C, names: readonly string[]): Promise<FormValues> {
  const body = await c.req.parseBody();
  return Object.fromEntries(names.map((n) => [n, typeof body[n] === 'string' ? (body[n] as string) : '']));
}

/** The first problem of each field, in the reader's language. */
export function fieldErrors(c: C, error: z.ZodError): FieldErrors {
  const t = messagesFor(c, errorMessages);
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    const text = t[issue.message as ErrorKey];
    errors[field] ??= typeof text === 'string' ? text : t.required;
  }
  return errors;
}

/** Ids in URLs are uuids; anything else cannot be a row (→ 404). */
export function idFrom(c: C, name = 'id'): string | null {
  const parsed = z.guid().safeParse(c.req.param(name));
  return parsed.success ? parsed.data.toLowerCase() : null;
}

/** A page with a status: 400 for a form that came back with errors. */
export function page(c: C, status: 200 | 400 | 409, content: Parameters<C['render']>[0], title: string) {
  c.status(status);
  return c.render(content, { title });
}

/** `12.5 时间币`: an amount of credits with the city's name for them. */
export const creditsText = (settings: TimeBankSettings, hundredths: number) => `${formatCredits(hundredths)} ${settings.creditName}`;
