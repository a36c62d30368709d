import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import { invitationMessages } from './invitation-messages.ts';

export type InvitationForm = { name: string; errors: Record<string, string> };

/**
 * The city-branded page behind an invitation link: a new person picks a name and
 * password; someone who already has an account here confirms with its password.
 */
export function InvitationPage(props: {
  token: string;
  cityName: string;
  email: string;
  roleLabel: string;
  existingUser: boolean;
  form: InvitationForm;
}) {
  const { path } = usePage();
  const t = useMessages(invitationMessages);
  const e = props.form.errors;
  return (
    <section class="card">
      <h1>{t.title(props.cityName)}</h1>
      <p>{props.existingUser ? t.existingIntro(props.email, props.roleLabel) : t.intro(props.email, props.roleLabel)}</p>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={path(`/invite/${props.token}`)} class="stack">
        {!props.existingUser && <Field name="name" label={t.name} value={props.form.name} error={e.name} required autocomplete="name" />}
        <Field
          name="password"
          type="password"
          label={t.password}
          error={e.password}
          hint={props.existingUser ? undefined : t.passwordHint}
          required
          autocomplete={props.existingUser ? 'current-password' : 'new-password'}
        />
        {!props.existingUser && (
          <Field name="confirm" type="password" label={t.confirm} error={e.confirm} required autocomplete="new-password" />
        )}
        <button type="submit">{t.accept}</button>
      </form>
    </section>
  );
}
