import { usePage } from '../../../core/plugin-api.ts';

/** A link inside this plugin. */
export function usePluginPath() {
  const { path } = usePage();
  return (p: string) => path(`/p/child-care-visits${p}`);
}

/** A labelled select like the core's `<Field>`: the error beside it, the choice kept. */
export function SelectField(props: { name: string; label: string; choices: [string, string][]; value?: string; error?: string; required?: boolean }) {
  const id = `f-${props.name}`;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined}>
        <option value="">—</option>
        {props.choices.map(([value, label]) => (
          <option value={value} selected={value === props.value}>{label}</option>
        ))}
      </select>
      {props.error && <small id={`${id}-error`} class="error">{props.error}</small>}
    </div>
  );
}
