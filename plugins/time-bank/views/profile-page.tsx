import { Field, FormErrorSummary, useMessages } from '../../../core/plugin-api.ts';
import { messages } from '../messages.ts';
import { hasErrors, type FormState, useTimeBank } from './parts.tsx';

export type ProfileProps = { birthDate: string | null; source: 'identity_card' | 'declared' | null; age: number | null; form: FormState };

/** The birth date the withdrawal age is checked against: from the identity card, or declared once here. */
export function ProfilePage(props: ProfileProps) {
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  return (
    <section class="card">
      <h1>{t.profileTitle}</h1>
      <p class="muted">{t.profileIntro}</p>
      {props.birthDate && (
        <p id="birth-date">
          {props.source === 'identity_card' ? t.fromIdCard(props.birthDate) : t.declared(props.birthDate)}
          {props.age !== null && <> · {t.ageNow(props.age)}</>}
        </p>
      )}
      {!props.birthDate && (
        <>
          <FormErrorSummary show={hasErrors(props.form)} />
          <form method="post" action={tb('/profile')} class="stack">
            <Field name="birth_date" label={t.birthDate} type="date" value={props.form.values.birth_date} error={props.form.errors.birth_date} required />
            <p><button type="submit">{t.declare}</button></p>
          </form>
        </>
      )}
    </section>
  );
}
