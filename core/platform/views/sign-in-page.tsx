import { Field } from '../../../views/components/field.tsx';
import { useMessages } from '../../../views/context.ts';
import { consoleMessages } from '../messages.ts';

/** The console's sign-in form; one generic error, never which of the two was wrong. */
export function SignInPage(props: { email: string; next: string; error?: string }) {
  const t = useMessages(consoleMessages);
  return (
    <section class="card">
      <h1>{t.signInTitle}</h1>
      <p class="muted">{t.signInIntro}</p>
      {props.error && <p class="flash flash-error" role="alert">{props.error}</p>}
      <form method="post" action="/sign-in" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <Field name="email" type="email" label={t.email} value={props.email} required autocomplete="username" inputmode="email" />
        <Field name="password" type="password" label={t.password} required autocomplete="current-password" />
        <button type="submit">{t.signInButton}</button>
      </form>
    </section>
  );
}
