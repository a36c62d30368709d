import { useMessages, usePage } from '../context.ts';
import { viewMessages } from '../messages.ts';
import type { LocalizedText } from '../../core/db/schema/tenancy.ts';

/**
 * Choices for a select or checkbox group: a fixed list's labels in both languages,
 * plain names shown as stored (districts), or value and label pairs already in the
 * reader's language.
 */
export type Choices = Record<string, LocalizedText> | readonly (string | readonly [value: string, label: string])[];

function entries(choices: Choices, locale: 'zh-CN' | 'en'): (readonly [string, string])[] {
  if (!Array.isArray(choices)) return Object.entries(choices as Record<string, LocalizedText>).map(([k, v]) => [k, v[locale]]);
  return choices.map((c) => (typeof c === 'string' ? [c, c] : c));
}

type Common = { name: string; label: string; error?: string; hint?: string; required?: boolean };

function Messages(props: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {props.hint && <small id={`${props.id}-hint`} class="hint">{props.hint}</small>}
      {props.error && <small id={`${props.id}-error`} class="error">{props.error}</small>}
    </>
  );
}

const describedBy = (id: string, p: Common) => [p.error ? `${id}-error` : '', p.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled select, like `<Field>`: error beside it, the choice kept. `blank` adds an empty first option. */
export function SelectField(props: Common & { choices: Choices; value?: string; blank?: string }) {
  const { locale } = usePage();
  const t = useMessages(viewMessages);
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span class="req"> ({t.required})</span>}
      </label>
      <select id={id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(id, props)}>
        {props.blank !== undefined && <option value="">{props.blank}</option>}
        {entries(props.choices, locale).map(([value, label]) => (
          <option value={value} selected={value === props.value}>{label}</option>
        ))}
      </select>
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

/** A group of checkboxes sent as one repeated field. */
export function CheckboxGroup(props: Common & { choices: Choices; values?: readonly string[] }) {
  const { locale } = usePage();
  const t = useMessages(viewMessages);
  const id = `f-${props.name}`;
  return (
    <fieldset id={id} class={props.error ? 'field checks has-error' : 'field checks'} aria-describedby={describedBy(id, props)}>
      <legend>
        {props.label}
        {props.required && <span class="req"> ({t.required})</span>}
      </legend>
      {entries(props.choices, locale).map(([value, label], i) => (
        <label for={`${id}-${i}`}>
          <input id={`${id}-${i}`} type="checkbox" name={props.name} value={value} checked={props.values?.includes(value)} /> {label}
        </label>
      ))}
      <Messages id={id} error={props.error} hint={props.hint} />
    </fieldset>
  );
}
