import { pluginContext, usePage } from '../../../core/plugin-api.ts';
import { formatCredits } from '../credits.ts';
import type { TimeBankSettings } from '../settings.ts';

/** Paths under the plugin's prefix, and the city's rules, for components. */
export function useTimeBank() {
  const { c, locale, path } = usePage();
  const { settings } = pluginContext<TimeBankSettings>(c);
  return { locale, settings, tb: (p: string) => path(`/p/time-bank${p}`) };
}

/** Every amount of credits a page shows: `12.5 时间币`. */
export function Credits({ amount }: { amount: number }) {
  const { settings } = useTimeBank();
  return (
    <span class={amount < 0 ? 'credits negative' : 'credits'}>
      {formatCredits(amount)} {settings.creditName}
    </span>
  );
}

/** A form's values and errors, as a page gets them back after a bad post. */
export type FormState = { values: Record<string, string>; errors: Partial<Record<string, string>> };
export const noForm: FormState = { values: {}, errors: {} };
export const hasErrors = (f: FormState) => Object.keys(f.errors).length > 0;

/** A one-button POST form (confirm, cancel, close...). */
export function ButtonForm(props: { action: string; label: string; secondary?: boolean; fields?: Record<string, string> }) {
  return (
    <form method="post" action={props.action}>
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>{props.label}</button>
    </form>
  );
}
