import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { FieldErrors } from '../forms.ts';
import { identityMessages } from '../messages.ts';

export type RegisterPageProps = {
  values: Record<string, string>;
  errors: FieldErrors;
  /** One message for the whole form: too many registrations. */
  problem?: string;
  next: string;
};

export function RegisterPage({ values, errors, problem, next }: RegisterPageProps) {
  const t = useMessages(identityMessages);
  const { path } = usePage();
  const nextQuery = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <section class="card">
      <h1>{t.registerTitle}</h1>
      <p class="muted">{t.registerIntro}</p>
      {problem ? <p class="flash flash-error" role="alert">{problem}</p> : <FormErrorSummary show={Object.keys(errors).length > 0} />}
      <form method="post" action={path('/register')} class="stack">
        <input type="hidden" name="next" value={next} />
        <Field name="name" label={t.nameLabel} value={values.name} error={errors.name} required autocomplete="name" />
        <Field
          name="login"
          label={t.loginLabel}
          value={values.login}
          error={errors.login}
          hint={t.loginHint}
          required
          autocomplete="username"
        />
        <Field name="password" label={t.passwordLabel} type="password" error={errors.password} hint={t.passwordHint} required autocomplete="new-password" />
        <Field name="password_confirm" label={t.passwordConfirmLabel} type="password" error={errors.password_confirm} required autocomplete="new-password" />
        <p class="actions">
          <button type="submit">{t.registerSubmit}</button>
          <a href={path(`/sign-in${nextQuery}`)}>{t.haveAccount}</a>
        </p>
      </form>
    </section>
  );
}
