import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { PluginDefinition } from '../plugins/define-plugin.ts';
import { adminMessages, type AdminMessages } from './messages.ts';
import type { PluginStatus } from './plugins-service.ts';
import type { SettingField, SettingsErrors, SettingsInput } from './settings-schema.ts';

/** A card per installed plugin: what it is, whether this city runs it, who last changed that. */
export function PluginList(props: { statuses: PluginStatus[]; nameOf: (ref: string) => string }) {
  const t = useMessages(adminMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.pluginsTitle}</h1>
      <p class="muted">{t.pluginsIntro}</p>
      {props.statuses.length === 0 && <p class="muted">{t.noPlugins}</p>}
      {props.statuses.map(({ plugin, enabled, changedBy, changedAt }) => (
        <section class="card" id={`plugin-${plugin.id}`}>
          <h2>
            {plugin.name[locale]} <span class={enabled ? 'badge' : 'badge off'}>{enabled ? t.enabled : t.disabled}</span>
          </h2>
          {plugin.description && <p>{plugin.description[locale]}</p>}
          <p class="muted">
            {t.version(plugin.version)} ·{' '}
            {changedBy && changedAt ? t.lastChanged(props.nameOf(changedBy), formatDateTime(changedAt, locale)) : t.neverChanged}
          </p>
          <div class="actions">
            <form method="post" action={path(`/admin/plugins/${plugin.id}/${enabled ? 'disable' : 'enable'}`)}>
              <button type="submit" class={enabled ? 'secondary' : undefined}>{enabled ? t.disable : t.enable}</button>
            </form>
            <a href={path(`/admin/plugins/${plugin.id}`)}>{t.settings}</a>
          </div>
        </section>
      ))}
    </>
  );
}

function defaultHint(field: SettingField, t: AdminMessages): string | undefined {
  const parts: string[] = [];
  if (field.kind === 'number' && field.min !== undefined && field.max !== undefined) parts.push(t.rangeHint(String(field.min), String(field.max)));
  if (field.kind === 'number' && field.defaultValue !== undefined) parts.push(t.defaultValue(String(field.defaultValue)));
  return parts.length ? parts.join(' · ') : undefined;
}

function SettingInput(props: { field: SettingField; value: string | boolean | undefined; error?: string }) {
  const t = useMessages(adminMessages);
  const { field, value, error } = props;
  const id = `f-${field.key}`;
  const invalid = error ? 'true' : undefined;
  const errorLine = error && <small id={`${id}-error`} class="error">{error}</small>;
  if (field.kind === 'boolean') {
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>
          <input id={id} type="checkbox" name={field.key} checked={value === true} aria-invalid={invalid} /> {field.label}
        </label>
        {errorLine}
      </div>
    );
  }
  if (field.kind === 'select') {
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>{field.label}</label>
        <select id={id} name={field.key} aria-invalid={invalid} aria-describedby={error ? `${id}-error` : undefined}>
          {field.options.map((o) => (
            <option value={o.value} selected={value === o.value}>{o.label}</option>
          ))}
        </select>
        {errorLine}
      </div>
    );
  }
  return (
    <Field
      name={field.key}
      label={field.label}
      type={field.kind === 'number' ? 'number' : 'text'}
      inputmode={field.kind === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined}
      value={typeof value === 'string' ? value : ''}
      min={field.kind === 'number' ? field.min : undefined}
      max={field.kind === 'number' ? field.max : undefined}
      step={field.kind === 'number' ? (field.integer ? 1 : 'any') : undefined}
      maxlength={field.kind === 'text' ? field.maxLength : undefined}
      error={error}
      hint={defaultHint(field, t)}
    />
  );
}

/** The settings form generated from the plugin's schema; on errors it shows the user's input and the problems. */
export function PluginSettings(props: {
  plugin: PluginDefinition;
  fields: SettingField[];
  input: SettingsInput;
  errors: SettingsErrors;
}) {
  const t = useMessages(adminMessages);
  const { locale, path } = usePage();
  const { plugin, fields, input, errors } = props;
  const keys = new Set(fields.map((f) => f.key));
  // A problem the form has no field for (e.g. a rule across fields) is still said.
  const other = Object.entries(errors).filter(([key]) => !keys.has(key));
  return (
    <>
      <p><a href={path('/admin/plugins')}>{t.backToPlugins}</a></p>
      <h1>{t.settingsTitle(plugin.name[locale])}</h1>
      {fields.length === 0 ? (
        <p class="muted">{t.noSettings}</p>
      ) : (
        <form method="post" action={path(`/admin/plugins/${plugin.id}`)} class="stack">
          <FormErrorSummary show={Object.keys(errors).length > 0} />
          {other.map(([, message]) => (
            <p class="error">{message}</p>
          ))}
          <p class="muted">{t.settingsIntro}</p>
          {fields.map((field) => (
            <SettingInput field={field} value={input[field.key]} error={errors[field.key]} />
          ))}
          <p><button type="submit">{t.saveSettings}</button></p>
        </form>
      )}
    </>
  );
}
