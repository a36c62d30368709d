import { Field, formatDateTime, FormErrorSummary, Money, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { Donation } from '../donations.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import type { Fund } from '../funds.ts';
import { fundMessages } from '../messages.ts';
import type { Station } from '../stations.ts';
import type { charityDistributions, charityGifts } from '../schema.ts';
import { workMessages } from '../work-messages.ts';
import { usePluginPath, VisibilityField } from './parts.tsx';

type Form = { values: FormValues; errors: FieldErrors };

export type StaffPageProps = {
  pledges: { donation: Donation; fundName: string }[];
  stations: Station[];
  mayCreateStations: boolean;
  stationForm: Form;
};

export function StaffPage(props: StaffPageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  return (
    <>
      <p><a href={p('/')}>{t.title}</a></p>
      <h1>{w.staffTitle}</h1>
      <h2>{w.pledges}</h2>
      <p class="muted">{w.pledgesIntro}</p>
      <Table
        columns={[{ label: t.pledgeNumber, class: 'code' }, t.donor, t.fund, t.amount, { label: '', class: 'actions' }]}
        rows={props.pledges}
        rowId={({ donation: d }) => `pledge-${d.id}`}
        cells={({ donation: d, fundName }) => [
          <>{d.id.slice(-12).toUpperCase()}<div class="muted">{formatDateTime(d.createdAt, locale)}</div></>,
          d.donorName,
          fundName,
          <Money fen={d.amountFen} />,
          <>
            <form method="post" action={p(`/donations/${d.id}/confirm`)}><button type="submit">{w.confirmArrived}</button></form>
            <form method="post" action={p(`/donations/${d.id}/cancel`)}><button type="submit" class="secondary">{w.cancelPledge}</button></form>
          </>,
        ]}
      />
      <h2>{w.stations}</h2>
      {props.stations.length === 0 && <p class="muted">{w.noStations}</p>}
      <ul>
        {props.stations.map((s) => (
          <li><a href={p(`/stations/${s.id}`)}>{s.name}</a> <span class="muted">{s.address}</span></li>
        ))}
      </ul>
      {props.mayCreateStations && <StationForm {...props.stationForm} />}
    </>
  );
}

function StationForm({ values: v, errors: e }: Form) {
  const w = useMessages(workMessages);
  const p = usePluginPath();
  return (
    <section class="card">
      <h3>{w.newStation}</h3>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p('/stations')} class="stack">
        <Field name="name" label={w.stationName} value={v.name} error={e.name} required maxlength={100} />
        <Field name="address" label={w.address} value={v.address} error={e.address} required maxlength={200} />
        <p><button type="submit">{w.createStation}</button></p>
      </form>
    </section>
  );
}

type Gift = typeof charityGifts.$inferSelect;
type Distribution = typeof charityDistributions.$inferSelect;
export type StationPageProps = {
  station: Station;
  funds: Fund[];
  stock: { gift: Gift; fundName: string; distributed: number }[];
  distributions: { distribution: Distribution; item: string; unit: string }[];
  cashForm: Form;
  giftForm: Form;
  /** A hand-out that came back: which gift, and its form. */
  distributeForm: (Form & { giftId: string }) | null;
};

export function StationPage(props: StationPageProps) {
  const w = useMessages(workMessages);
  const t = useMessages(fundMessages);
  const p = usePluginPath();
  const funds = props.funds.map((f): [string, string] => [f.id, f.name]);
  const { cashForm: cash, giftForm: gift } = props;
  return (
    <>
      <p><a href={p('/staff')}>{w.staffTitle}</a></p>
      <h1>{props.station.name}</h1>
      <p class="muted">{props.station.address}</p>
      <section class="card" id="cash">
        <h2>{w.cashTitle}</h2>
        <p class="muted">{w.cashIntro}</p>
        <FormErrorSummary show={Object.keys(cash.errors).length > 0} />
        <form method="post" action={p(`/stations/${props.station.id}/cash`)} class="stack">
          <SelectField name="fund" label={t.fund} choices={funds} value={cash.values.fund} error={cash.errors.fund} />
          <Field name="amount" label={t.amount} inputmode="decimal" value={cash.values.amount} error={cash.errors.amount} hint={t.amountHint} required />
          <Field name="donor_name" label={t.donorName} value={cash.values.donor_name} error={cash.errors.donor_name} required maxlength={50} />
          <VisibilityField value={cash.values.visibility} error={cash.errors.visibility} />
          <Field name="message" label={t.message} value={cash.values.message} error={cash.errors.message} />
          <p><button type="submit">{w.recordCash}</button></p>
        </form>
      </section>
      <section class="card" id="gift">
        <h2>{w.giftTitle}</h2>
        <p class="muted">{w.giftIntro}</p>
        <FormErrorSummary show={Object.keys(gift.errors).length > 0} />
        <form method="post" action={p(`/stations/${props.station.id}/gifts`)} class="stack">
          <SelectField name="fund" label={t.fund} choices={funds} value={gift.values.fund} error={gift.errors.fund} />
          <Field name="item" label={w.item} value={gift.values.item} error={gift.errors.item} required maxlength={100} />
          <Field name="unit" label={w.unit} value={gift.values.unit} error={gift.errors.unit} required maxlength={10} />
          <Field name="quantity" label={w.quantity} inputmode="numeric" value={gift.values.quantity} error={gift.errors.quantity} required />
          <Field name="estimated" label={w.estimated} inputmode="decimal" value={gift.values.estimated} error={gift.errors.estimated} required />
          <Field name="donor_name" label={t.donorName} value={gift.values.donor_name} error={gift.errors.donor_name} required maxlength={50} />
          <VisibilityField value={gift.values.visibility} error={gift.errors.visibility} />
          <p><button type="submit">{w.recordGift}</button></p>
        </form>
      </section>
      <Stock {...props} />
    </>
  );
}

function Stock({ stock, distributions, distributeForm }: StationPageProps) {
  const w = useMessages(workMessages);
  const { locale } = usePage();
  const p = usePluginPath();
  return (
    <>
      <h2>{w.stock}</h2>
      <Table
        columns={[w.item, w.left, w.estimated, w.distribute]}
        rows={stock}
        rowId={({ gift: g }) => `gift-${g.id}`}
        cells={({ gift: g, fundName, distributed }) => {
          const form = distributeForm?.giftId === g.id ? distributeForm : null;
          return [
            <>{g.item}<div class="muted">{fundName} · {g.donorName}</div></>,
            `${g.quantity - distributed} / ${g.quantity} ${g.unit}`,
            <Money fen={g.estimatedFen} />,
            g.quantity > distributed && (
              <form method="post" action={p(`/gifts/${g.id}/distribute`)} class="stack">
                <RowInput gift={g.id} name="quantity" label={w.quantity} value={form?.values.quantity} error={form?.errors.quantity} />
                <RowInput gift={g.id} name="beneficiary" label={w.beneficiary} value={form?.values.beneficiary} error={form?.errors.beneficiary} />
                <button type="submit" class="secondary">{w.distribute}</button>
              </form>
            ),
          ];
        }}
      />
      <h2>{w.distributions}</h2>
      {distributions.length === 0 && <p class="muted">{w.noDistributions}</p>}
      <ul>
        {distributions.map(({ distribution: d, item, unit }) => (
          <li>{formatDateTime(d.createdAt, locale)} · {item} × {d.quantity} {unit} → {d.beneficiary}</li>
        ))}
      </ul>
    </>
  );
}

/** An input of one gift's hand-out form: ids carry the gift, as every row has the same form. */
function RowInput(props: { gift: string; name: string; label: string; value?: string; error?: string }) {
  const id = `d-${props.gift}-${props.name}`;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <input id={id} name={props.name} value={props.value} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${id}-error` : undefined} />
      {props.error && <small id={`${id}-error`} class="error">{props.error}</small>}
    </div>
  );
}
