import { Table } from '../../../views/components/table.tsx';
import type { CurrentUser } from '../../http/env.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { listPasskeys, listSessions } from '../account.ts';
import type { FieldErrors } from '../forms.ts';
import { identityMessages } from '../messages.ts';
import { outboxMessages } from '../../messages/messages.ts';
import { PasskeyScripts } from './passkey-scripts.tsx';

export type AccountPageProps = {
  user: CurrentUser;
  currentSessionId: string | null;
  sessions: Awaited<ReturnType<typeof listSessions>>;
  passkeys: Awaited<ReturnType<typeof listPasskeys>>;
  passwordErrors: FieldErrors;
};

export function AccountPage(props: AccountPageProps) {
  const t = useMessages(identityMessages);
  const { user } = props;
  return (
    <>
      <h1>{t.accountTitle}</h1>
      <section class="card">
        <h2>{t.profile}</h2>
        <dl>
          <dt>{t.nameLabel}</dt>
          <dd>{user.name}</dd>
          <dt>{t.email}</dt>
          <dd>{user.email ?? t.notSet}</dd>
          <dt>{t.mobile}</dt>
          <dd>{user.mobile ?? t.notSet}</dd>
        </dl>
        <p><a href={usePage().path('/account/messages')}>{useMessages(outboxMessages).choicesTitle}</a></p>
      </section>
      <PasswordForm errors={props.passwordErrors} />
      <Sessions sessions={props.sessions} currentSessionId={props.currentSessionId} />
      <Passkeys passkeys={props.passkeys} />
    </>
  );
}

function PasswordForm({ errors }: { errors: FieldErrors }) {
  const t = useMessages(identityMessages);
  const { path } = usePage();
  return (
    <section class="card" id="password">
      <h2>{t.changePassword}</h2>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/account/password')} class="stack">
        <Field name="current_password" label={t.currentPasswordLabel} type="password" error={errors.current_password} required autocomplete="current-password" />
        <Field name="new_password" label={t.newPasswordLabel} type="password" error={errors.new_password} hint={t.passwordHint} required autocomplete="new-password" />
        <Field name="new_password_confirm" label={t.newPasswordConfirmLabel} type="password" error={errors.new_password_confirm} required autocomplete="new-password" />
        <p><button type="submit">{t.changePasswordSubmit}</button></p>
      </form>
    </section>
  );
}

function Sessions({ sessions, currentSessionId }: Pick<AccountPageProps, 'sessions' | 'currentSessionId'>) {
  const t = useMessages(identityMessages);
  const { path, locale } = usePage();
  return (
    <section>
      <h2>{t.sessionsTitle}</h2>
      <Table
        columns={[t.sessionCreated, t.sessionExpires, { label: t.sessionDevice, class: 'muted' }, t.sessionAddress, '']}
        rows={sessions}
        empty={false}
        cells={(s) => [
          formatDateTime(s.createdAt, locale),
          formatDateTime(s.expiresAt, locale),
          s.userAgent ?? t.unknown,
          s.address && s.address !== 'unknown' ? s.address : t.unknown,
          s.id === currentSessionId ? (
            <span class="badge">{t.thisDevice}</span>
          ) : (
            <form method="post" action={path(`/account/sessions/${s.id}/revoke`)}>
              <button type="submit" class="secondary">{t.revoke}</button>
            </form>
          ),
        ]}
      />
    </section>
  );
}

function Passkeys({ passkeys }: Pick<AccountPageProps, 'passkeys'>) {
  const t = useMessages(identityMessages);
  const { path, locale } = usePage();
  return (
    <section id="passkeys">
      <h2>{t.passkeysTitle}</h2>
      <p class="muted">{t.passkeysIntro}</p>
      {passkeys.length === 0 ? (
        <p class="muted">{t.noPasskeys}</p>
      ) : (
        <Table
          columns={[t.passkeyName, t.passkeyCreated, t.passkeyLastUsed, '']}
          rows={passkeys}
          empty={false}
          cells={(p) => [
            p.name,
            formatDateTime(p.createdAt, locale),
            p.lastUsedAt ? formatDateTime(p.lastUsedAt, locale) : t.neverUsed,
            <form method="post" action={path(`/account/passkeys/${encodeURIComponent(p.id)}/delete`)}>
              <button type="submit" class="danger">{t.deletePasskey}</button>
            </form>,
          ]}
        />
      )}
      <noscript>
        <p class="muted">{t.passkeysNeedScript}</p>
      </noscript>
      <div
        class="passkey-box"
        data-passkey-options={path('/passkeys/register/options')}
        data-passkey-verify={path('/passkeys/register/verify')}
        data-msg-unsupported={t.passkeyUnsupported}
        data-msg-cancelled={t.passkeyCancelled}
        data-msg-failed={t.passkeyFailed}
      >
        <div class="field" id="passkey-name-field" hidden>
          <label for="passkey-name">{t.passkeyNameLabel}</label>
          <input id="passkey-name" name="passkey_name" type="text" maxlength={60} autocomplete="off" />
        </div>
        <p>
          <button type="button" id="add-passkey" hidden>{t.addPasskey}</button>
        </p>
        <p class="muted" id="passkey-status" role="status"></p>
      </div>
      <PasskeyScripts />
    </section>
  );
}
