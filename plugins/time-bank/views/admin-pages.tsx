import { Field, FormErrorSummary, HorizontalBarChart, PROJECT_CATEGORIES, useMessages, VerticalBarChart, type ProjectCategory } from '../../../core/plugin-api.ts';
import { adminMessages } from '../admin-messages.ts';
import type { Item } from '../catalogue.ts';
import { formatCredits } from '../credits.ts';
import type { ExchangeView } from '../exchanges.ts';
import { messages } from '../messages.ts';
import type { Dashboard } from '../reports.ts';
import { Credits, hasErrors, type FormState, useTimeBank } from './parts.tsx';

/** The city's time bank at a glance: the liability it carries and how credits are used. */
export function DashboardPage({ d }: { d: Dashboard }) {
  const a = useMessages(adminMessages);
  const { locale } = useTimeBank();
  const figures: [string, string, number][] = [
    ['issued', a.issued, d.issued],
    ['outstanding', a.outstanding, d.outstanding],
    ['redeemed', a.redeemedTotal, d.redeemed],
    ['expired', a.expiredTotal, d.expired],
  ];
  return (
    <>
      <h1>{a.dashboardTitle}</h1>
      <section class="card">
        <dl class="facts" id="figures">
          {figures.map(([id, label, value]) => (
            <>
              <dt>{label}</dt>
              <dd id={`figure-${id}`}><Credits amount={value} /></dd>
            </>
          ))}
          <dt>{a.openRedemptions}</dt>
          <dd>{d.openRedemptions}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>{a.exchangesByMonth}</h2>
        <VerticalBarChart id="exchanges-by-month" title={a.exchangesByMonth} empty={a.noData} bars={d.exchangesByMonth.map((m) => ({ label: m.month.slice(5), sublabel: m.month.slice(0, 4), value: m.count, valueLabel: String(m.count) }))} />
      </section>
      <section class="card">
        <h2>{a.topServices}</h2>
        <HorizontalBarChart
          id="top-services"
          title={a.topServices}
          empty={a.noData}
          bars={d.topServices.map((s) => ({
            label: PROJECT_CATEGORIES[s.category as ProjectCategory]?.[locale] ?? s.category,
            value: s.amount,
            valueLabel: formatCredits(s.amount),
            description: a.records(s.records),
          }))}
        />
      </section>
    </>
  );
}

const KINDS = ['goods', 'service', 'elder_care'] as const;

/** Every item with its stock, a form to restock or hide each, and a form to add one. */
export function CatalogueAdminPage(props: { items: Item[]; form: FormState; stockForms: Record<string, FormState> }) {
  const a = useMessages(adminMessages);
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  const f = props.form;
  return (
    <>
      <h1>{a.catalogueTitle}</h1>
      {props.items.map((item) => {
        const stock = props.stockForms[item.id];
        return (
        <section class="card" id={`item-${item.id}`}>
          <h2>
            <span class="badge">{t[`kind_${item.kind}`]}</span> {item.name} {!item.active && <span class="badge off">{a.hidden}</span>}
          </h2>
          <p class="muted">{item.donor} · <Credits amount={item.price} /></p>
          <form method="post" action={tb(`/admin/catalogue/${item.id}`)} class={stock ? 'actions has-error' : 'actions'}>
            <label for={`f-stock-${item.id}`}>{a.stock}</label>
            <input id={`f-stock-${item.id}`} type="number" name="stock" min={0} value={stock ? stock.values.stock : String(item.stock)} aria-invalid={stock ? 'true' : undefined} />
            <label><input type="checkbox" name="active" checked={item.active} /> {a.active}</label>
            <button type="submit" class="secondary">{a.save}</button>
            {stock?.errors.stock && <small id={`f-stock-${item.id}-error`} class="error">{stock.errors.stock}</small>}
          </form>
        </section>
        );
      })}
      <section class="card" id="new-item">
        <h2>{a.newItem}</h2>
        <FormErrorSummary show={hasErrors(f)} />
        <form method="post" action={tb('/admin/catalogue')} class="stack">
          <div class={f.errors.kind ? 'field has-error' : 'field'}>
            <label for="f-kind">{a.itemKind}</label>
            <select id="f-kind" name="kind">
              {KINDS.map((k) => <option value={k} selected={f.values.kind === k}>{t[`kind_${k}`]}</option>)}
            </select>
            {f.errors.kind && <small id="f-kind-error" class="error">{f.errors.kind}</small>}
          </div>
          <Field name="name" label={a.name} value={f.values.name} error={f.errors.name} required maxlength={60} />
          <Field name="description" label={a.description} type="textarea" value={f.values.description} error={f.errors.description} required maxlength={1000} />
          <Field name="donor" label={a.donor} hint={a.donorHint} value={f.values.donor} error={f.errors.donor} required maxlength={60} />
          <Field name="price" label={a.price} inputmode="decimal" value={f.values.price} error={f.errors.price} required />
          <Field name="stock" label={a.stock} inputmode="numeric" value={f.values.stock} error={f.errors.stock} required />
          <p><button type="submit">{a.addItem}</button></p>
        </form>
      </section>
    </>
  );
}

/** Disputed exchanges, each with a form to decide it. */
export function DisputesPage(props: { rows: ExchangeView[]; forms: Record<string, FormState> }) {
  const a = useMessages(adminMessages);
  const t = useMessages(messages);
  const { tb } = useTimeBank();
  return (
    <>
      <h1>{a.disputesTitle}</h1>
      {props.rows.length === 0 && <p class="muted">{a.noDisputes}</p>}
      {props.rows.map((e) => {
        const f = props.forms[e.id] ?? { values: {}, errors: {} };
        return (
          <section class="card" id={`dispute-${e.id}`}>
            <h2>{e.title}</h2>
            <p>{t.provider}：{e.providerName} · {t.requester}：{e.requesterName} · <Credits amount={e.credits} /></p>
            <p class="flash flash-error pre-line">{e.disputeReason}</p>
            <p class="muted">{a.raisedBy(e.disputedBy === e.providerId ? e.providerName : e.requesterName)}</p>
            <FormErrorSummary show={hasErrors(f)} />
            <form method="post" action={tb(`/admin/exchanges/${e.id}/resolve`)} class="stack">
              <fieldset id="f-decision" class={f.errors.decision ? 'field checks has-error' : 'field checks'}>
                <legend>{a.decision}</legend>
                <label><input type="radio" name="decision" value="complete" checked={f.values.decision === 'complete'} /> {a.decideComplete}</label>
                <label><input type="radio" name="decision" value="cancel" checked={f.values.decision === 'cancel'} /> {a.decideCancel}</label>
                {f.errors.decision && <small id="f-decision-error" class="error">{f.errors.decision}</small>}
              </fieldset>
              <Field name="note" label={a.note} type="textarea" value={f.values.note} error={f.errors.note} required maxlength={500} />
              <p><button type="submit">{a.resolve}</button></p>
            </form>
          </section>
        );
      })}
    </>
  );
}
