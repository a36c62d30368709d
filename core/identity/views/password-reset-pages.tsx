import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { FieldErrors } from '../forms.ts';
import { identityMessages } from '../messages.ts';
import { CODE_MINUTES } from '../one-time-codes.ts';
import { passwordResetMessages } from '../password-reset-messages.ts';
import { RESET_LINK_MINUTES } from '../password-resets.ts';

/** "Forgot password": the person enters the email or mobile of their account. */
export function ForgotPasswordPage({ login, error }: { login: string; error?: string }) {
  const t = useMessages(passwordResetMessages);
  const i = useMessages(identityMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.forgotTitle}</h1>
      <p class="muted">{t.forgotIntro}</p>
      <FormErrorSummary show={Boolean(error)} />
      <form method="post" action={path('/forgot-password')} class="stack">
        <Field name="login" label={i.loginLabel} value={login} error={error} hint={i.loginHint} required autocomplete="username" />
        <p class="actions">
          <button type="submit">{t.forgotSubmit}</button>
          <a href={path('/sign-in')}>{i.signInTitle}</a>
        </p>
      </form>
    </section>
  );
}

/** The same answer whether or not the email has an account. */
export function ResetLinkSentPage({ email }: { email: string }) {
  const t = useMessages(passwordResetMessages);
  return (
    <section class="card">
      <h1>{t.linkSentTitle}</h1>
      <p>{t.linkSentBody(email, RESET_LINK_MINUTES)}</p>
    </section>
  );
}

function NewPasswordFields({ errors }: { errors: FieldErrors }) {
  const t = useMessages(passwordResetMessages);
  const i = useMessages(identityMessages);
  return (
    <>
      <Field name="password" label={t.newPasswordLabel} type="password" error={errors.password} hint={i.passwordHint} required autocomplete="new-password" />
      <Field name="password_confirm" label={t.newPasswordConfirmLabel} type="password" error={errors.password_confirm} required autocomplete="new-password" />
    </>
  );
}

/** The code from the SMS and the new password, on one page; `resetId` names the request (never the number). */
export function ResetCodePage({ resetId, mobile, errors }: { resetId: string; mobile: string; errors: FieldErrors }) {
  const t = useMessages(passwordResetMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.codeTitle}</h1>
      <p>{t.codeIntro(mobile, CODE_MINUTES)}</p>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/reset-password/code')} class="stack">
        <input type="hidden" name="reset" value={resetId} />
        <input type="hidden" name="mobile" value={mobile} />
        <Field name="code" label={t.codeLabel} value="" error={errors.code} hint={t.codeHint} required autocomplete="one-time-code" inputmode="numeric" maxlength={6} />
        <NewPasswordFields errors={errors} />
        <p class="actions">
          <button type="submit">{t.newPasswordSubmit}</button>
          <a href={path('/forgot-password')}>{t.askAgain}</a>
        </p>
      </form>
    </section>
  );
}

/** The page a reset link opens. A link that no longer works says why, beside the field, and offers a new one. */
export function ResetLinkPage({ token, errors }: { token: string; errors: FieldErrors }) {
  const t = useMessages(passwordResetMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.newPasswordTitle}</h1>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path(`/reset-password/${token}`)} class="stack">
        <NewPasswordFields errors={errors} />
        <p class="actions">
          <button type="submit">{t.newPasswordSubmit}</button>
          <a href={path('/forgot-password')}>{t.askAgain}</a>
        </p>
      </form>
    </section>
  );
}
