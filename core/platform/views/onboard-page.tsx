import { Field, FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages } from '../../../views/context.ts';
import { consoleMessages } from '../messages.ts';
import { ConsoleFrame } from './console-frame.tsx';

export type OnboardValues = { nameZh: string; nameEn: string; slug: string; host: string; primaryColor: string; adminEmail: string };

export const DEFAULT_PRIMARY_COLOR = '#1f5f8b';

/** The form that puts a city on the platform; errors beside their fields, input kept. */
export function OnboardPage(props: { values: OnboardValues; errors: Record<string, string>; platformDomain: string }) {
  const t = useMessages(consoleMessages);
  const { values: v, errors: e } = props;
  return (
    <ConsoleFrame>
      <h1>{t.onboardTitle}</h1>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action="/cities/new" class="stack">
        <Field name="nameZh" label={t.nameZh} value={v.nameZh} error={e.nameZh} required />
        <Field name="nameEn" label={t.nameEn} value={v.nameEn} error={e.nameEn} required />
        <Field name="slug" label={t.slug} value={v.slug} error={e.slug} hint={t.slugHint(props.platformDomain)} required autocomplete="off" />
        <Field name="host" label={t.host} value={v.host} error={e.host} hint={t.hostHint} autocomplete="off" />
        <Field name="primaryColor" type="color" label={t.primaryColor} value={v.primaryColor} error={e.primaryColor} required />
        <Field name="adminEmail" type="email" label={t.adminEmail} value={v.adminEmail} error={e.adminEmail} hint={t.adminEmailHint} required inputmode="email" />
        <button type="submit">{t.onboardButton}</button>
      </form>
    </ConsoleFrame>
  );
}

/** Shown once after an invitation is made: the only time anyone sees the link. */
export function InvitationLinkPage(props: { title: string; body: string; inviteUrl: string; mailedTo: string }) {
  const t = useMessages(consoleMessages);
  return (
    <ConsoleFrame>
      <section class="card">
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        <div class="field">
          <label for="invite-url">{t.inviteLinkLabel}</label>
          <input id="invite-url" type="url" readonly value={props.inviteUrl} />
        </div>
        <p class="muted">{t.inviteLinkOnce}</p>
        <p class="muted">{t.inviteMailed(props.mailedTo)}</p>
        <p><a href="/">{t.backToCities}</a></p>
      </section>
    </ConsoleFrame>
  );
}

/** Asks for the email of the administrator to invite to an existing city. */
export function InviteAdminPage(props: { cityId: string; cityName: string; email: string; error?: string }) {
  const t = useMessages(consoleMessages);
  return (
    <ConsoleFrame>
      <h1>{t.inviteTitle(props.cityName)}</h1>
      <p class="muted">{t.inviteIntro}</p>
      <FormErrorSummary show={Boolean(props.error)} />
      <form method="post" action={`/cities/${props.cityId}/invite`} class="stack">
        <Field name="email" type="email" label={t.inviteEmail} value={props.email} error={props.error} required inputmode="email" />
        <button type="submit">{t.inviteButton}</button>
      </form>
    </ConsoleFrame>
  );
}
