import { html } from 'hono/html';
import { Table } from '../../views/components/table.tsx';
import { Pagination } from '../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../views/context.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';
import { formatDate } from '../i18n/format.ts';
import type { Member } from './members-service.ts';
import { memberInvitationMessages } from './member-invitation-messages.ts';
import { adminMessages } from './messages.ts';

type Roles = Record<string, LocalizedText>;

/** A member's roles as badges; an html template, so that each row of the list is finished HTML (views/components/table.tsx). */
function RoleNames(props: { roles: string[]; known: Roles }) {
  const t = useMessages(adminMessages);
  const { locale } = usePage();
  if (props.roles.length === 0) return html`<span class="muted">${t.noRoles}</span>`;
  return html`${props.roles.map((r) => html`<span class="badge">${props.known[r]?.[locale] ?? r}</span> `)}`;
}

/** The city's members, searchable by name, email or mobile, with their roles. */
export function MemberList(props: MemberResultsProps) {
  const t = useMessages(adminMessages);
  const i = useMessages(memberInvitationMessages);
  const { path } = usePage();
  return (
    <>
      <h1>{t.membersTitle}</h1>
      <p><a href={path('/admin/members/invite')}>{i.inviteLink}</a></p>
      <form method="get" action={path('/admin/members')} class="actions" role="search">
        <label for="q" class="muted">{t.searchLabel}</label>
        {/* Without JavaScript the form submits; with htmx the results follow the typing. */}
        <input
          id="q"
          name="q"
          type="search"
          value={props.q}
          hx-get={path('/admin/members')}
          hx-trigger="input changed delay:300ms, search"
          hx-target="#member-results"
          hx-swap="outerHTML"
          hx-push-url="true"
        />
        <button type="submit">{t.search}</button>
        {props.q && <a href={path('/admin/members')}>{t.clearSearch}</a>}
      </form>
      <MemberResults {...props} />
    </>
  );
}

type MemberResultsProps = { rows: Member[]; total: number; page: number; q: string; roles: Roles };

/** The part of the member list a search replaces. */
export function MemberResults(props: MemberResultsProps) {
  const t = useMessages(adminMessages);
  const { locale, path } = usePage();
  const href = (page: number) => path(`/admin/members?${new URLSearchParams({ ...(props.q ? { q: props.q } : {}), page: String(page) })}`);
  return (
    <div id="member-results">
      {props.q && <p class="muted">{t.resultsFor(props.q, props.total)}</p>}
      <Table
        columns={[t.colName, t.colContact, t.colRoles, t.colJoined]}
        rows={props.rows}
        cells={(m) => [
          html`<a href="${path(`/admin/members/${m.id}`)}" aria-label="${`${t.manageRoles}: ${m.name}`}">${m.name}</a>`,
          [m.email, m.mobile].filter(Boolean).join(' · '),
          RoleNames({ roles: m.roles, known: props.roles }),
          formatDate(m.createdAt, locale),
        ]}
      />
      <Pagination page={props.page} total={props.total} href={href} />
    </div>
  );
}

/** One member and the form that sets their roles; `checked` is what the form shows ticked. */
export function MemberRoles(props: { member: Member; roles: Roles; checked: readonly string[]; error?: string }) {
  const t = useMessages(adminMessages);
  const { locale, path } = usePage();
  const { member } = props;
  return (
    <>
      <p><a href={path('/admin/members')}>{t.backToMembers}</a></p>
      <h1>{t.memberTitle(member.name)}</h1>
      <section class="card">
        <p>{t.email}: {member.email ?? '—'}</p>
        <p>{t.mobile}: {member.mobile ?? '—'}</p>
        <p>{t.colJoined}: {formatDate(member.createdAt, locale)}</p>
      </section>
      <form method="post" action={path(`/admin/members/${member.id}/roles`)} class="stack">
        {props.error && <p class="flash flash-error" role="alert">{props.error}</p>}
        <fieldset>
          <legend>{t.rolesLegend}</legend>
          <p class="muted">{t.rolesIntro}</p>
          {Object.entries(props.roles).map(([role, label]) => (
            <div class="field">
              <label for={`role-${role}`}>
                <input id={`role-${role}`} type="checkbox" name="roles" value={role} checked={props.checked.includes(role)} /> {label[locale]}
              </label>
            </div>
          ))}
        </fieldset>
        <p><button type="submit">{t.saveRoles}</button></p>
      </form>
    </>
  );
}
