import { Field, FormErrorSummary, useMessages } from '../../../core/plugin-api.ts';
import { adminMessages } from '../admin-messages.ts';
import { groupCode, type RedemptionView } from '../catalogue.ts';
import { messages } from '../messages.ts';
import { ButtonForm, Credits, hasErrors, type FormState, useTimeBank } from './parts.tsx';

/**
 * Station staff type (or scan into the field) a member's code, see what it is
 * for, and confirm the hand-over. Looking up changes nothing.
 */
export function StationPage(props: { form: FormState; found: RedemptionView | null }) {
  const a = useMessages(adminMessages);
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  const r = props.found;
  return (
    <>
      <section class="card">
        <h1>{a.stationTitle}</h1>
        <p class="muted">{a.stationIntro}</p>
        <FormErrorSummary show={hasErrors(props.form)} />
        <form method="get" action={tb('/station')} class="stack">
          <Field name="code" label={a.code} value={props.form.values.code} error={props.form.errors.code} required autocomplete="off" />
          <p><button type="submit">{a.lookUp}</button></p>
        </form>
      </section>
      {r && (
        <section class="card" id="redemption">
          <h2 class="code">{groupCode(r.code)}</h2>
          <dl class="facts">
            <dt>{a.item}</dt>
            <dd>{r.itemName}</dd>
            <dt>{a.member}</dt>
            <dd>{r.memberName}</dd>
            <dt>{t.price}</dt>
            <dd><Credits amount={r.price} /></dd>
            <dt>{t.status}</dt>
            <dd>{t[`r_${r.status}`]}</dd>
          </dl>
          {r.status === 'issued' && <ButtonForm action={tb('/station/fulfil')} label={a.fulfil} fields={{ code: r.code }} />}
        </section>
      )}
    </>
  );
}
