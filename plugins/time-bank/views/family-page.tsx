import { Field, FormErrorSummary, useMessages } from '../../../core/plugin-api.ts';
import { formatCredits } from '../credits.ts';
import type { FamilyLink } from '../family.ts';
import { messages } from '../messages.ts';
import { ButtonForm, hasErrors, type FormState, useTimeBank } from './parts.tsx';

export type FamilyProps = { links: FamilyLink[]; givenThisYear: number; link: FormState; give: FormState };

/** Family links (asked, to confirm, confirmed), a form to ask, and a form to give credits. */
export function FamilyPage(props: FamilyProps) {
  const t = useMessages(messages);
  const { tb, settings } = useTimeBank();
  const confirmed = props.links.filter((l) => l.status === 'confirmed');
  const credits = (n: number) => `${formatCredits(n)} ${settings.creditName}`;
  return (
    <>
      <h1>{t.familyTitle}</h1>
      <p class="muted">{t.familyIntro}</p>
      <section class="card" id="links">
        {props.links.length === 0 && <p class="muted">{t.noFamily}</p>}
        <ul>
          {props.links.map((l) => (
            <li>
              <strong>{l.otherName}</strong> · {l.relation}{' '}
              {l.status === 'pending' && <span class="badge off">{l.askedByMe ? t.pendingTheirs : t.pendingMine}</span>}
              <div class="actions">
                {l.status === 'pending' && !l.askedByMe && <ButtonForm action={tb(`/family/${l.id}/confirm`)} label={t.confirmLink} />}
                <ButtonForm action={tb(`/family/${l.id}/remove`)} label={l.status === 'pending' && !l.askedByMe ? t.declineLink : t.removeLink} secondary />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" id="ask">
        <h2>{t.askLink}</h2>
        <FormErrorSummary show={hasErrors(props.link)} />
        <form method="post" action={tb('/family/link')} class="stack">
          <Field name="login" label={t.relativeLogin} hint={t.relativeLoginHint} value={props.link.values.login} error={props.link.errors.login} required />
          <Field name="relation" label={t.relation} hint={t.relationHint} value={props.link.values.relation} error={props.link.errors.relation} required maxlength={20} />
          <p><button type="submit">{t.askLink}</button></p>
        </form>
      </section>
      <section class="card" id="give">
        <h2>{t.give}</h2>
        {settings.familyTransferLimit === 0 ? (
          <p class="muted">{t.transfersOff}</p>
        ) : (
          <>
            <p class="muted">{t.yearLimit(credits(props.givenThisYear), credits(settings.familyTransferLimit * 100))}</p>
            <FormErrorSummary show={hasErrors(props.give)} />
            <form method="post" action={tb('/family/give')} class="stack">
              <div class={props.give.errors.to ? 'field has-error' : 'field'}>
                <label for="f-to">{t.relative}</label>
                <select id="f-to" name="to" aria-invalid={props.give.errors.to ? 'true' : undefined}>
                  {confirmed.map((l) => (
                    <option value={l.otherId} selected={props.give.values.to === l.otherId}>{l.otherName}（{l.relation}）</option>
                  ))}
                </select>
                {props.give.errors.to && <small id="f-to-error" class="error">{props.give.errors.to}</small>}
              </div>
              <Field name="amount" label={t.amount} inputmode="decimal" value={props.give.values.amount} error={props.give.errors.amount} required />
              <p><button type="submit" disabled={confirmed.length === 0}>{t.giveButton}</button></p>
            </form>
          </>
        )}
      </section>
    </>
  );
}
