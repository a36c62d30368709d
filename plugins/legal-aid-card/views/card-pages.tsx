import { Field, useMessages, usePage } from '../../../core/plugin-api.ts';
import { printedNumber } from '../card-numbers.ts';
import type { HeldCard } from '../cards.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { cardMessages } from '../messages.ts';
import { PluginPage, PostForm } from './page-parts.tsx';
import { Day, usePluginPath } from './parts.tsx';

export type HomeProps = { held: HeldCard | null; holderName: string | null; usable: boolean; mayManage: boolean };

function Benefits() {
  const t = useMessages(cardMessages);
  return (
    <section class="card">
      <h2>{t.benefitsTitle}</h2>
      <ul>
        <li>{t.benefitConsultation}</li>
        <li>{t.benefitEducation}</li>
        <li>{t.benefitAid}</li>
      </ul>
    </section>
  );
}

/** What the card is, and for a holder their card; for anyone else the way to activate one. */
export function HomePage({ held, holderName, usable, mayManage }: HomeProps) {
  const t = useMessages(cardMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="actions">
        {held && <a class="button" href={p('/consultations')}>{t.consult}</a>}
        {held && <a class="button secondary" href={p('/aid')}>{t.aid}</a>}
        <a href={p('/learn')}>{t.learn}</a>
        <a href={p('/report')}>{t.report}</a>
        {mayManage && <a href={p('/batches')}>{t.manage}</a>}
      </p>
      {held ? (
        <section class="card" id="my-card">
          <h2>{t.myCard}</h2>
          <p class="lac-number">{printedNumber(held.card.number)}</p>
          <dl class="facts">
            <dt>{t.holder}</dt>
            <dd>{holderName}</dd>
            <dt>{t.sponsor}</dt>
            <dd>{held.sponsor}</dd>
            <dt>{t.validity}</dt>
            <dd><Day value={held.validFrom} /> – <Day value={held.validUntil} /></dd>
            <dt>{t.status}</dt>
            <dd><span class={usable ? 'badge' : 'badge off'}>{usable ? t.statusValid : t.statusNotValid}</span></dd>
          </dl>
          <form method="post" action={p('/card/lost')}>
            <p class="hint">{t.reportLostHint}</p>
            <button type="submit" class="secondary">{t.reportLost}</button>
          </form>
        </section>
      ) : (
        <section class="card">
          <p>{t.noCard}</p>
          <p><a class="button" href={p('/activate')}>{t.activateTitle}</a></p>
        </section>
      )}
      <Benefits />
    </PluginPage>
  );
}

export function ActivatePage(props: { values: FormValues; errors: FieldErrors; needsRealName: boolean }) {
  const t = useMessages(cardMessages);
  const { path } = usePage();
  const e = props.errors;
  return (
    <PluginPage back={{ path: '/', label: t.title }}>
      <h1>{t.activateTitle}</h1>
      <p>{t.activateIntro}</p>
      {props.needsRealName && <p><a class="button secondary" href={path(`/volunteer/profile?next=${encodeURIComponent('/p/legal-aid-card/activate')}`)}>{t.registerName}</a></p>}
      <PostForm path="/activate" button={t.activate} errors={e}>
        <Field name="number" label={t.number} hint={t.numberHint} value={props.values.number} error={e.number} required inputmode="numeric" autocomplete="off" maxlength={20} />
        <Field name="code" label={t.code} hint={t.codeHint} value={props.values.code} error={e.code} required autocomplete="off" maxlength={20} />
      </PostForm>
    </PluginPage>
  );
}
