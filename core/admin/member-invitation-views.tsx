import { Field, FormErrorSummary } from '../../views/components/field.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { memberInvitationMessages } from './member-invitation-messages.ts';
import { adminMessages } from './messages.ts';

type Roles = Record<string, LocalizedText>;

/** The form: an email and one role of the city's roles. */
export function InviteMemberPage(props: { email: string; role: string; roles: Roles; errors: Partial<Record<'email' | 'role', string>> }) {
  const t = useMessages(memberInvitationMessages);
  const a = useMessages(adminMessages);
  const { locale, path } = usePage();
  return (
    <>
      <p><a href={path('/admin/members')}>{a.backToMembers}</a></p>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path('/admin/members/invite')} class="stack">
        <Field name="email" label={t.emailLabel} type="email" value={props.email} error={props.errors.email} required autocomplete="off" />
        <div class={props.errors.role ? 'field has-error' : 'field'}>
          <label for="f-role">{t.roleLabel}</label>
          <select id="f-role" name="role" required aria-invalid={props.errors.role ? 'true' : undefined} aria-describedby={props.errors.role ? 'f-role-error' : undefined}>
            {Object.entries(props.roles).map(([role, label]) => (
              <option value={role} selected={role === props.role}>{label[locale]}</option>
            ))}
          </select>
          {props.errors.role && <small id="f-role-error" class="error">{props.errors.role}</small>}
        </div>
        <p><button type="submit">{t.submit}</button></p>
      </form>
    </>
  );
}

/** What was sent, and the link itself for a city without mail. */
export function MemberInvitedPage(props: { email: string; roleName: string; inviteUrl: string }) {
  const t = useMessages(memberInvitationMessages);
  const a = useMessages(adminMessages);
  const { path } = usePage();
  return (
    <section class="card">
      <h1>{t.sentTitle}</h1>
      <p>{t.sentBody(props.email, props.roleName)}</p>
      <div class="field">
        <label for="invite-url">{t.linkLabel}</label>
        <input id="invite-url" type="url" readonly value={props.inviteUrl} />
      </div>
      <p class="muted">{t.linkOnce}</p>
      <p><a href={path('/admin/members')}>{a.backToMembers}</a></p>
    </section>
  );
}
