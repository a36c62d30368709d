import { z } from 'zod';
import { numberInput } from '../http/number-input.ts';
import type { Locale } from '../i18n/messages.ts';
import type { PluginDefinition } from '../plugins/define-plugin.ts';
import type { AdminMessages } from './messages.ts';

/** One input of a plugin's settings form, read off its zod schema. */
export type SettingField = { key: string; label: string; defaultValue: unknown } & (
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'text'; maxLength?: number }
  | { kind: 'select'; options: { value: string; label: string }[] }
);

type Unwrapped = { leaf: z.ZodType; description?: string; defaultValue?: unknown };

function unwrap(schema: z.ZodType): Unwrapped {
  let leaf = schema;
  let description = schema.description;
  let defaultValue: unknown;
  for (;;) {
    if (leaf instanceof z.ZodDefault) defaultValue = leaf.def.defaultValue;
    if (leaf instanceof z.ZodDefault || leaf instanceof z.ZodOptional || leaf instanceof z.ZodNullable) {
      leaf = leaf.unwrap() as z.ZodType;
      description ??= leaf.description;
    } else return { leaf, description, defaultValue };
  }
}

/** zod reports "no bound" as ±Infinity, and `.int()` as the safe-integer range: neither is worth showing. */
function bound(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/**
 * The form fields of a plugin's settings: booleans, numbers, strings and enums of
 * a `z.object`. Anything else is left out of the form and keeps its stored value.
 */
export function settingFields(plugin: PluginDefinition, locale: Locale): SettingField[] {
  if (!(plugin.settings instanceof z.ZodObject)) return [];
  const shape = plugin.settings.shape as Record<string, z.ZodType>;
  const fields: SettingField[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const { leaf, description, defaultValue } = unwrap(schema);
    const label = plugin.settingsLabels?.[key]?.[locale] ?? description ?? key;
    const base = { key, label, defaultValue };
    const type = leaf.def.type;
    if (type === 'boolean') fields.push({ ...base, kind: 'boolean' });
    else if (leaf instanceof z.ZodNumber) {
      fields.push({ ...base, kind: 'number', integer: leaf.isInt, min: bound(leaf.minValue), max: bound(leaf.maxValue) });
    } else if (type === 'string') fields.push({ ...base, kind: 'text', maxLength: bound((leaf as z.ZodString).maxLength) });
    else if (leaf instanceof z.ZodEnum) {
      const labels = plugin.settingsOptionLabels?.[key];
      const options = leaf.options.map(String).map((value) => ({ value, label: labels?.[value]?.[locale] ?? value }));
      fields.push({ ...base, kind: 'select', options });
    }
  }
  return fields;
}

/** What the user typed, kept as text so a form that comes back with errors shows it unchanged. */
export type SettingsInput = Record<string, string | boolean>;

export function settingsInput(fields: SettingField[], body: Record<string, unknown>): SettingsInput {
  const input: SettingsInput = {};
  for (const f of fields) {
    const raw = body[f.key];
    input[f.key] = f.kind === 'boolean' ? raw !== undefined : typeof raw === 'string' ? raw.trim() : '';
  }
  return input;
}

/** The stored settings as the form shows them before anything is typed. */
export function settingsAsInput(fields: SettingField[], settings: Record<string, unknown>): SettingsInput {
  const input: SettingsInput = {};
  for (const f of fields) {
    const value = settings[f.key];
    input[f.key] = f.kind === 'boolean' ? value === true : value === undefined || value === null ? '' : String(value);
  }
  return input;
}

/**
 * The settings to validate: the stored ones with the form's fields laid over them.
 * An empty number or choice is left out, so the schema's default applies.
 */
export function settingsCandidate(fields: SettingField[], input: SettingsInput, stored: Record<string, unknown>): Record<string, unknown> {
  const candidate: Record<string, unknown> = { ...stored };
  for (const f of fields) {
    const raw = input[f.key];
    if (f.kind === 'boolean') candidate[f.key] = raw === true;
    else if (raw === '' && f.kind !== 'text') delete candidate[f.key];
    // A number not written in decimals (`0x10`, `1e3`) is NaN here, so the schema refuses it.
    else candidate[f.key] = f.kind === 'number' ? (numberInput(String(raw), { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) ?? Number.NaN) : raw;
  }
  return candidate;
}

/** Plain-language messages for the usual problems; anything else gets zod's own in the user's language. */
function errorMap(t: AdminMessages, locale: Locale): z.core.$ZodErrorMap {
  const fallback = (locale === 'zh-CN' ? z.locales.zhCN() : z.locales.en()).localeError;
  return (issue) => {
    if (issue.code === 'too_big' && issue.origin === 'number') return t.mustBeAtMost(String(issue.maximum));
    if (issue.code === 'too_small' && issue.origin === 'number') return t.mustBeAtLeast(String(issue.minimum));
    if (issue.code === 'too_big' && issue.origin === 'string') return t.tooLong(String(issue.maximum));
    if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? t.required : t.tooShort(String(issue.minimum));
    if (issue.code === 'invalid_type' && issue.expected === 'int') return t.notAnInteger;
    if (issue.code === 'invalid_type' && issue.expected === 'number') return t.notANumber;
    if (issue.code === 'invalid_value') return t.pickFromList;
    return fallback(issue);
  };
}

export type SettingsErrors = Partial<Record<string, string>>;

/** Parses the candidate with the plugin's schema; on failure, the first problem of each field. */
export function parseSettings(
  plugin: PluginDefinition,
  candidate: Record<string, unknown>,
  t: AdminMessages,
  locale: Locale,
): { ok: true; settings: Record<string, unknown> } | { ok: false; errors: SettingsErrors } {
  const parsed = plugin.settings.safeParse(candidate, { error: errorMap(t, locale) });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
