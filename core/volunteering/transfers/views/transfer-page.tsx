import { Duration } from '../../../../views/components/duration.tsx';
import { SelectField } from '../../../../views/components/choice-fields.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import { groupCode } from '../../../readable-codes.ts';
import type { TransferIn } from '../arrivals.ts';
import type { OwnTransfer } from '../departures.ts';
import { transferMessages } from '../messages.ts';
import { isOpen, statusAt } from '../transfer-status.ts';

export type TransferErrors = { destination?: string; code?: string };

export type TransferPageProps = {
  /** Other active cities, as value (slug) and name. */
  cities: (readonly [string, string])[];
  cityName: (tenantId: string) => string;
  transfers: OwnTransfer[];
  arrivals: TransferIn[];
  values: { destination?: string; code?: string };
  errors: TransferErrors;
};

/** /volunteer/transfer: ask to leave for another city, follow the request, and accept one arriving here. */
export function TransferPage(props: TransferPageProps) {
  const t = useMessages(transferMessages);
  const { path, locale } = usePage();
  const now = new Date();
  const open = props.transfers.find((x) => isOpen(x, now));
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <FormErrorSummary show={Boolean(props.errors.destination || props.errors.code)} />
      <section class="card">
        <h2>{t.leave}</h2>
        {open ? (
          <>
            <p>{t.destination}：{props.cityName(open.destinationTenantId)} · {t.outStatus(open.status)}</p>
            {open.code && (
              <div class="field">
                <p>{t.code}：<strong class="code" id="transfer-code">{groupCode(open.code)}</strong></p>
                <small class="hint">{t.codeHint(props.cityName(open.destinationTenantId))}</small>
                {open.codeExpiresAt && <small class="hint">{t.codeValidUntil(formatDate(open.codeExpiresAt, locale))}</small>}
              </div>
            )}
            <form method="post" action={path(`/volunteer/transfer/${open.id}/withdraw`)}>
              <button type="submit" class="secondary">{t.withdraw}</button>
            </form>
          </>
        ) : props.cities.length === 0 ? (
          <p>{t.noOtherCity}</p>
        ) : (
          <form method="post" action={path('/volunteer/transfer')} class="stack">
            <SelectField name="destination" label={t.destination} choices={props.cities} value={props.values.destination} blank={t.chooseCity} error={props.errors.destination} required />
            <p><button type="submit">{t.request}</button></p>
          </form>
        )}
      </section>
      <section class="card">
        <h2>{t.arrive}</h2>
        <p class="muted">{t.arriveIntro}</p>
        <form method="post" action={path('/volunteer/transfer/accept')} class="stack">
          <Field name="code" label={t.code} value={props.values.code} error={props.errors.code} autocomplete="off" maxlength={20} required />
          <p><button type="submit">{t.accept}</button></p>
        </form>
      </section>
      {props.transfers.length > 0 && (
        <section class="card">
          <h2>{t.yourTransfers}</h2>
          <Table
            columns={[t.destination, t.when, t.status, t.reason]}
            rows={props.transfers}
            cells={(x) => [props.cityName(x.destinationTenantId), formatDate(x.requestedAt, locale), x.status === 'completed' ? `${t.outStatus(x.status)}（${t.moved(x.records?.length ?? 0)}）` : t.outStatus(statusAt(x, now)), x.refusalReason ?? '']}
          />
        </section>
      )}
      {props.arrivals.length > 0 && (
        <section class="card">
          <h2>{t.yourArrivals}</h2>
          <Table
            columns={[t.origin, t.status, t.hours]}
            rows={props.arrivals}
            cells={(x) => [x.originCityNames[locale], t.inStatus(x.status), x.minutes === null ? '' : <Duration minutes={x.minutes} />]}
          />
        </section>
      )}
    </>
  );
}
