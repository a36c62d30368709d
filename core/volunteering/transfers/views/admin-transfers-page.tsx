import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { TransferOut } from '../departures.ts';
import { transferMessages } from '../messages.ts';
import { statusAt } from '../transfer-status.ts';

export type AdminTransferRow = { transfer: TransferOut; volunteerName: string | null; volunteerNumber: string | null };
/** A refusal sent back without a usable reason: the error shows beside that request's reason field. */
export type RefusalError = { id: string; message: string; value: string };

/** /admin/transfers: requests waiting for a decision (approve, or refuse with a reason), then those decided. */
export function AdminTransfersPage(props: { rows: AdminTransferRow[]; cityName: (tenantId: string) => string; error?: RefusalError }) {
  const t = useMessages(transferMessages);
  const { locale } = usePage();
  const now = new Date();
  return (
    <>
      <h1>{t.adminTitle}</h1>
      <p class="muted">{t.adminIntro}</p>
      <Table
        columns={[t.volunteer, t.destination, t.when, t.status, { label: '', class: 'actions' }]}
        rows={props.rows}
        emptyText={t.nothing}
        cells={({ transfer: x, volunteerName, volunteerNumber }) => [
          `${volunteerName ?? ''} ${volunteerNumber ?? ''}`.trim(),
          props.cityName(x.destinationTenantId),
          formatDate(x.requestedAt, locale),
          x.status === 'refused' ? `${t.outStatus(x.status)}：${x.refusalReason ?? ''}` : t.outStatus(statusAt(x, now)),
          x.status === 'requested' ? <Decision id={x.id} error={props.error?.id === x.id ? props.error : undefined} /> : '',
        ]}
      />
    </>
  );
}

function Decision(props: { id: string; error?: RefusalError }) {
  const t = useMessages(transferMessages);
  const { path } = usePage();
  const field = `f-reason-${props.id}`;
  return (
    <div class="stack">
      <form method="post" action={path(`/admin/transfers/${props.id}/approve`)}>
        <button type="submit">{t.approve}</button>
      </form>
      <form method="post" action={path(`/admin/transfers/${props.id}/refuse`)} class="stack">
        <div class={props.error ? 'field has-error' : 'field'}>
          <label for={field}>{t.refusalReason}</label>
          <input id={field} name="reason" maxlength={500} required value={props.error?.value} aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? `${field}-error` : undefined} />
          {props.error && <small id={`${field}-error`} class="error">{props.error.message}</small>}
        </div>
        <button type="submit" class="secondary">{t.refuse}</button>
      </form>
    </div>
  );
}
