import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { FieldErrors } from '../forms.ts';
import { identityMessages } from '../messages.ts';
import { passwordResetMessages } from '../password-reset-messages.ts';
import { PasskeyScripts } from './passkey-scripts.tsx';

export type SignInPageProps = {
  login: string;
  errors: FieldErrors;
  /** One message for the whole form: wrong credentials or throttling (never which of login and password was wrong). */
  problem?: string;
  next: string;
};

export function SignInPage({ login, errors, problem, next }: SignInPageProps) {
  const t = useMessages(identityMessages);
  const r = useMessages(passwordResetMessages);
  const { path } = usePage();
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <section class="card">
      <h1>{t.signInTitle}</h1>
      {problem ? <p class="flash flash-error" role="alert">{problem}</p> : <FormErrorSummary show={Object.keys(errors).length > 0} />}
      <form method="post" action={path('/sign-in')} class="stack">
        <input type="hidden" name="next" value={next} />
        <Field name="login" label={t.loginLabel} value={login} error={errors.login} required autocomplete="username" />
        <Field name="password" label={t.passwordLabel} type="password" error={errors.password} required autocomplete="current-password" />
        <p><a href={path('/forgot-password')}>{r.forgotLink}</a></p>
        <p class="actions">
          <button type="submit">{t.signInSubmit}</button>
          <a href={path(`/register${nextQuery}`)}>{t.noAccount}</a>
        </p>
      </form>
      <div
        class="passkey-box"
        data-passkey-options={path('/passkeys/sign-in/options')}
        data-passkey-verify={path('/passkeys/sign-in/verify')}
        data-next={next}
        data-msg-cancelled={t.passkeyCancelled}
        data-msg-failed={t.passkeyFailed}
      >
        <button type="button" id="passkey-sign-in" class="secondary" hidden>{t.passkeySignIn}</button>
        <p class="muted" id="passkey-status" role="status"></p>
      </div>
      <PasskeyScripts />
    </section>
  );
}
