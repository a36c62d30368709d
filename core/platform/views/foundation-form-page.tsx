import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type FoundationValues = { name: string; email: string; plugins: string[] };

/** An operator creates a foundation's console account and picks the modules it sponsors. */
export function FoundationFormPage(props: {
  values: FoundationValues;
  errors: Record<string, string>;
  plugins: { id: string; name: LocalizedText }[];
}) {
  const { locale } = usePage();
  const t = useMessages(consoleMessages);
  const { values: v, errors: e } = props;
  return (
    <ConsoleFrame>
      <h1>{t.newFoundationTitle}</h1>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action="/foundations/new" class="stack">
        <Field name="name" label={t.foundationName} value={v.name} error={e.name} required />
        <Field name="email" type="email" label={t.email} value={v.email} error={e.email} required autocomplete="off" inputmode="email" />
        <Field name="password" type="password" label={t.password} error={e.password} hint={t.passwordHint} required autocomplete="new-password" />
        <fieldset class={e.plugins ? 'field has-error' : 'field'} aria-describedby="f-plugins-hint">
          <legend>{t.sponsoredPlugins}</legend>
          <small id="f-plugins-hint" class="hint">{t.sponsoredHint}</small>
          {props.plugins.length === 0 && <p class="muted">{t.noPluginsInstalled}</p>}
          {props.plugins.map((p) => (
            <label>
              <input type="checkbox" name="plugins" value={p.id} checked={v.plugins.includes(p.id)} /> {p.name[locale]}
            </label>
          ))}
          {e.plugins && <small class="error">{e.plugins}</small>}
        </fieldset>
        <button type="submit">{t.createFoundation}</button>
      </form>
    </ConsoleFrame>
  );
}
