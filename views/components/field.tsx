import { useMessages } from '../context.ts';
import { viewMessages } from '../messages.ts';

type FieldProps = {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'url' | 'number' | 'date' | 'datetime-local' | 'color' | 'textarea';
  value?: string | number | null;
  /** The message shown beside the field; also marks the input invalid. */
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email' | 'decimal';
  /** Bounds the browser checks before sending; the server checks them again. */
  min?: number;
  max?: number;
  step?: number | 'any';
  maxlength?: number;
};

/** A labelled input with its error beside it; the user's input is kept in `value`. */
export function Field(props: FieldProps) {
  const t = useMessages(viewMessages);
  const id = `f-${props.name}`;
  const describedBy = [props.error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    autocomplete: props.autocomplete,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span class="req"> ({t.required})</span>}
      </label>
      {props.type === 'textarea' ? (
        <textarea {...common} rows={4}>{props.value ?? ''}</textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputmode={props.inputmode}
          min={props.min}
          max={props.max}
          step={props.step}
          maxlength={props.maxlength}
          value={props.type === 'password' ? undefined : (props.value ?? undefined)}
        />
      )}
      {props.hint && <small id={`${id}-hint`} class="hint">{props.hint}</small>}
      {props.error && <small id={`${id}-error`} class="error">{props.error}</small>}
    </div>
  );
}

/** Shown above a form that came back with errors, so a screen reader hears it first. */
export function FormErrorSummary({ show }: { show: boolean }) {
  const t = useMessages(viewMessages);
  return show ? <p class="flash flash-error" role="alert">{t.formHasErrors}</p> : null;
}
