import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { FieldErrors } from '../forms.ts';
import { mobileRegistrationMessages } from '../mobile-registration-messages.ts';
import { CODE_MINUTES } from '../one-time-codes.ts';
import { passwordResetMessages } from '../password-reset-messages.ts';

export type RegistrationCodePageProps = {
  /** The waiting registration's id: the forms carry it, never the number or the password. */
  registrationId: string;
  mobile: string;
  next: string;
  errors: FieldErrors;
  /** Seconds until a new code may be asked for. */
  resendIn: number;
  notice?: string;
};

/** Step two of registering with a mobile number: the SMS code, and a new code after a cooldown. */
export function RegistrationCodePage({ registrationId, mobile, next, errors, resendIn, notice }: RegistrationCodePageProps) {
  const t = useMessages(mobileRegistrationMessages);
  const r = useMessages(passwordResetMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.title}</h1>
      <p>{t.intro(mobile, CODE_MINUTES)}</p>
      {notice ? <p class="flash flash-info" role="status">{notice}</p> : null}
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      <form method="post" action={path('/register/code')} class="stack">
        <input type="hidden" name="registration" value={registrationId} />
        <input type="hidden" name="next" value={next} />
        <Field name="code" label={r.codeLabel} value="" error={errors.code} hint={r.codeHint} required autocomplete="one-time-code" inputmode="numeric" maxlength={6} />
        <p class="actions">
          <button type="submit">{t.submit}</button>
        </p>
      </form>
      <form method="post" action={path('/register/resend')} class="stack">
        <input type="hidden" name="registration" value={registrationId} />
        <input type="hidden" name="next" value={next} />
        {resendIn > 0 ? <p class="muted" id="resend-cooldown">{t.resendIn(resendIn)}</p> : null}
        <p class="actions">
          <button type="submit" class="secondary">{t.resend}</button>
        </p>
      </form>
    </section>
  );
}
