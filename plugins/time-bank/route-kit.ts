import type { Context } from 'hono';
import { z } from 'zod';
import { type CityWork, messagesFor, pluginContext, sitePath, type PluginEnv } from '../../core/plugin-api.ts';
import { errorMessages, type ErrorKey } from './admin-messages.ts';
import { formatCredits } from './credits.ts';
import type { TimeBankSettings } from './settings.ts';

/** Helpers every time-bank handler uses (with the plugin API's page, idFrom and readForm). */
export { idFrom, page, readForm } from '../../core/plugin-api.ts';
export type C = Context<PluginEnv>;
export type FormValues = Record<string, string>;
export type FieldErrors = Partial<Record<string, string>>;

/** This request's city, user and settings (see core/plugins/context.ts). */
export const cityOf = (c: C) => pluginContext<TimeBankSettings>(c);

/** Runs work in the city's tenant transaction. */
export const work = <T>(c: C, fn: (w: CityWork) => Promise<T>): Promise<T> => cityOf(c).work(fn);

export const settingsOf = (c: C): TimeBankSettings => cityOf(c).settings;

export const userId = (c: C) => cityOf(c).user!.id;

/** A page under the plugin's prefix, e.g. `tb(c, '/market')` → `/p/time-bank/market` (with the site's `/t/<slug>`). */
export const tb = (c: C, path: string) => sitePath(c, `/p/time-bank${path}`);

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

/** `12.5 时间币`: an amount of credits with the city's name for them. */
export const creditsText = (settings: TimeBankSettings, hundredths: number) => `${formatCredits(hundredths)} ${settings.creditName}`;
