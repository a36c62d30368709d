import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { Table } from '../../views/components/table.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import { stateOf, type ApiKey } from '../api/keys.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { formatDate } from '../i18n/format.ts';
import { apiKeyMessages } from './api-key-messages.ts';

export type ApiKeyForm = { name: string; scopes: string[]; expires: string };
export type ApiKeyErrors = Partial<Record<'name' | 'scopes' | 'expires', string>>;

/** The city's keys with their state, and the form that makes a new one. */
export function ApiKeysPage(props: { keys: ApiKey[]; scopes: Record<string, LocalizedText>; form: ApiKeyForm; errors: ApiKeyErrors; notice?: string }) {
  const t = useMessages(apiKeyMessages);
  const { locale, path } = usePage();
  const stateText = { active: t.active, expired: t.expired, revoked: t.revoked };
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p><a href={path('/api/v1')}>{t.reference}</a></p>
      {props.notice && <p class="flash flash-error" role="alert">{props.notice}</p>}
      {props.keys.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <Table
          columns={[t.colName, t.colScopes, t.colState, t.colExpires, { label: t.colActions, class: 'actions' }]}
          rows={props.keys}
          cells={(k) => {
            const state = stateOf(k);
            return [
              k.name,
              <small>{k.scopes.map((s) => props.scopes[s]?.[locale] ?? s).join('、')}</small>,
              stateText[state],
              formatDate(k.expiresAt, locale),
              state === 'revoked' ? '' : (
                <div class="actions">
                  {state === 'active' && (
                    <form method="post" action={path(`/admin/api-keys/${k.id}/rotate`)}>
                      <button type="submit" class="secondary">{t.rotate}</button>
                    </form>
                  )}
                  <form method="post" action={path(`/admin/api-keys/${k.id}/revoke`)}>
                    <button type="submit" class="danger">{t.revoke}</button>
                  </form>
                </div>
              ),
            ];
          }}
        />
      )}
      <h2>{t.newTitle}</h2>
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path('/admin/api-keys')} class="stack">
        <Field name="name" label={t.nameLabel} value={props.form.name} error={props.errors.name} required maxlength={60} />
        <fieldset class={props.errors.scopes ? 'has-error' : undefined} aria-describedby={props.errors.scopes ? 'f-scopes-error' : undefined}>
          <legend>{t.scopesLegend}</legend>
          {Object.entries(props.scopes).map(([scope, label]) => (
            <div class="field">
              <label for={`scope-${scope}`}>
                <input id={`scope-${scope}`} type="checkbox" name="scopes" value={scope} checked={props.form.scopes.includes(scope)} /> {label[locale]} <code>{scope}</code>
              </label>
            </div>
          ))}
          {props.errors.scopes && <small id="f-scopes-error" class="error">{props.errors.scopes}</small>}
        </fieldset>
        <Field name="expires" label={t.expiresLabel} type="date" value={props.form.expires} error={props.errors.expires} hint={t.expiresHint} required />
        <p><button type="submit">{t.create}</button></p>
      </form>
    </>
  );
}

/** The whole key, once: after it is made or rotated. */
export function ApiKeyShownPage(props: { name: string; token: string }) {
  const t = useMessages(apiKeyMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.shownTitle}</h1>
      <p>{t.shownBody(props.name)}</p>
      <div class="field">
        <label for="api-key">{t.keyLabel}</label>
        <input id="api-key" type="text" readonly value={props.token} autocomplete="off" />
      </div>
      <p><a href={path('/admin/api-keys')}>{t.back}</a></p>
    </section>
  );
}
