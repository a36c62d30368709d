import { FormErrorSummary } from '../../../views/components/field.tsx';
import { useMessages, usePage } from '../../../views/context.ts';
import type { Channel } from '../kinds.ts';
import { outboxMessages } from '../messages.ts';
import type { NoticeGroup } from '../notice-groups.ts';

export type ChoicesForm = { channels: Channel[]; notices: string[] };
export type ChoicesErrors = Partial<Record<'channels' | 'notices', string>>;

/** A person's message settings: channels, and which notices to receive; security messages are always on. */
export function ChoicesPage(props: { values: ChoicesForm; errors: ChoicesErrors; groups: NoticeGroup[]; addresses: Record<Channel, string | null> }) {
  const t = useMessages(outboxMessages);
  const { locale, path } = usePage();
  const channelLabel = { email: t.channelEmailChoice, sms: t.channelSmsChoice };
  return (
    <>
      <h1>{t.choicesTitle}</h1>
      <p class="muted">{t.choicesIntro}</p>
      <FormErrorSummary show={Object.keys(props.errors).length > 0} />
      <form method="post" action={path('/account/messages')} class="stack">
        <fieldset id="f-channels" class={props.errors.channels ? 'field checks has-error' : 'field checks'} aria-describedby={props.errors.channels ? 'f-channels-error' : undefined}>
          <legend>{t.channelsLegend}</legend>
          {(['email', 'sms'] as const).map((channel) => (
            <label for={`f-channels-${channel}`}>
              <input id={`f-channels-${channel}`} type="checkbox" name="channels" value={channel} checked={props.values.channels.includes(channel)} />{' '}
              {channelLabel[channel](props.addresses[channel] ?? t.noAddress)}
            </label>
          ))}
          {props.errors.channels && <small id="f-channels-error" class="error">{props.errors.channels}</small>}
        </fieldset>
        <fieldset id="f-notices" class={props.errors.notices ? 'field checks has-error' : 'field checks'} aria-describedby="f-notices-hint">
          <legend>{t.groupsLegend}</legend>
          {props.groups.map((group) => (
            <label for={`f-notices-${group.id}`}>
              <input id={`f-notices-${group.id}`} type="checkbox" name="notices" value={group.id} checked={props.values.notices.includes(group.id)} /> {group.name[locale]}
            </label>
          ))}
          <small id="f-notices-hint" class="hint">{t.securityNote} {t.quietNote}</small>
          {props.errors.notices && <small id="f-notices-error" class="error">{props.errors.notices}</small>}
        </fieldset>
        <button type="submit">{t.save}</button>
      </form>
    </>
  );
}
