import { formatDateTime, useMessages, Table } from '../../../core/plugin-api.ts';
import { groupCode, type Item, type RedemptionView } from '../catalogue.ts';
import { messages } from '../messages.ts';
import { ButtonForm, Credits, useTimeBank } from './parts.tsx';

/** The catalogue a member redeems from; elder-care items say from which age. */
export function CataloguePage(props: { items: Item[]; signedIn: boolean }) {
  const t = useMessages(messages);
  const { tb, settings } = useTimeBank();
  return (
    <>
      <h1>{t.catalogueTitle}</h1>
      <p class="muted">{t.catalogueIntro}</p>
      {props.signedIn && <p class="actions"><a class="button secondary" href={tb('/redemptions')}>{t.myRedemptions}</a></p>}
      {props.items.map((item) => (
        <section class="card item" id={`item-${item.id}`}>
          <h2>
            <span class="badge">{t[`kind_${item.kind}`]}</span> {item.name}
          </h2>
          <p class="pre-line">{item.description}</p>
          <dl class="facts">
            <dt>{t.donor}</dt>
            <dd>{item.donor}</dd>
            <dt>{t.price}</dt>
            <dd><Credits amount={item.price} /></dd>
            <dt>{t.stock}</dt>
            <dd>{item.stock > 0 ? item.stock : <span class="badge off">{t.outOfStockBadge}</span>}</dd>
          </dl>
          {item.kind === 'elder_care' && <p class="muted">{t.elderCareNote(settings.withdrawalAge)}</p>}
          {props.signedIn && item.stock > 0 && <ButtonForm action={tb(`/catalogue/${item.id}/redeem`)} label={t.redeem} />}
        </section>
      ))}
      {props.items.length === 0 && <p class="muted">—</p>}
    </>
  );
}

/** A member's redemptions with their codes, newest first; an uncollected one can be cancelled. */
export function RedemptionsPage({ rows }: { rows: RedemptionView[] }) {
  const t = useMessages(messages);
  const { tb, locale } = useTimeBank();
  return (
    <>
      <h1>{t.redemptionsTitle}</h1>
      <Table
        id="redemptions"
        columns={[t.code, t.catalogue, t.price, t.status]}
        rows={rows}
        cells={(r) => [
          <><strong class="code">{groupCode(r.code)}</strong><div class="muted">{formatDateTime(r.createdAt, locale)}</div></>,
          <>{r.itemName}<div class="muted">{r.donor}</div></>,
          <Credits amount={r.price} />,
          <>
            <span class={r.status === 'issued' ? 'badge' : 'badge off'}>{t[`r_${r.status}`]}</span>
            {r.status === 'issued' && <ButtonForm action={tb(`/redemptions/${r.id}/cancel`)} label={t.cancelRedemption} secondary />}
          </>,
        ]}
      />
    </>
  );
}
