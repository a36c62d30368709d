import { Field, formatDate, FormErrorSummary, SelectField, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { childMessages } from '../messages.ts';
import { AGE_BANDS } from '../schema.ts';
import type { AwaitingWish, ClaimedWish, PublicWish, Wish } from '../wishes.ts';
import { usePluginPath } from './parts.tsx';

type Form = { values: FormValues; errors: FieldErrors };

function ActionButton(props: { wishId: string; action: 'claim' | 'release' | 'confirm'; label: string }) {
  const p = usePluginPath();
  return (
    <form method="post" action={p(`/wishes/${props.wishId}/${props.action}`)} class="inline">
      <button type="submit">{props.label}</button>
    </form>
  );
}

export type WishesPageProps = {
  open: PublicWish[];
  fulfilled: PublicWish[];
  signedIn: boolean;
  claims: ClaimedWish[];
  awaiting: AwaitingWish[];
  names: Map<string, string>;
};

/** The public page of wishes: alias, age band, township and the wish, never more. */
export function WishesPage(props: WishesPageProps) {
  const t = useMessages(childMessages);
  const { locale } = usePage();
  const who = (wish: PublicWish) => `${wish.alias} · ${t.ageBands(wish.ageBand)} · ${wish.district}`;
  return (
    <>
      <h1>{t.wishesTitle}</h1>
      <p class="muted">{t.wishesIntro}</p>
      {props.awaiting.length > 0 && (
        <section id="awaiting">
          <h2>{t.awaiting}</h2>
          <Table
            columns={[t.alias, t.wish, t.claimedByLabel, '']}
            rows={props.awaiting}
            cells={(w) => [who(w), w.wish, props.names.get(w.claimedBy) ?? '', <><ActionButton wishId={w.id} action="confirm" label={t.confirm} /> <ActionButton wishId={w.id} action="release" label={t.release} /></>]}
          />
        </section>
      )}
      {props.claims.length > 0 && (
        <section id="my-claims">
          <h2>{t.myClaims}</h2>
          <Table
            columns={[t.alias, t.wish, t.wishStatus, '']}
            rows={props.claims}
            cells={(w) => [
              who(w), w.wish, t.wishStatuses(w.status),
              w.status === 'claimed' ? <>{t.bringTo(props.names.get(w.directorId) ?? '')} <ActionButton wishId={w.id} action="release" label={t.release} /></> : '',
            ]}
          />
        </section>
      )}
      <h2>{t.openWishes}</h2>
      {!props.signedIn && props.open.length > 0 && <p class="muted">{t.signInToClaim}</p>}
      <Table
        id="open-wishes"
        columns={[t.alias, t.wish, '']}
        rows={props.open}
        emptyText={t.noOpenWishes}
        cells={(w) => [who(w), w.wish, props.signedIn ? <ActionButton wishId={w.id} action="claim" label={t.claim} /> : '']}
      />
      <h2>{t.fulfilledWishes}</h2>
      <p id="fulfilled-count">{t.fulfilledCount(props.fulfilled.length)}</p>
      <Table
        id="fulfilled-wishes"
        columns={[t.alias, t.wish, t.fulfilledWishes]}
        rows={props.fulfilled}
        emptyText={t.noFulfilledWishes}
        cells={(w) => [who(w), w.wish, w.fulfilledAt ? formatDate(w.fulfilledAt, locale) : '']}
      />
    </>
  );
}

/** A child's wishes on their record, and the director's form to publish one. */
export function ChildWishes(props: { childId: string; wishes: Wish[]; mayPublish: boolean; form: Form }) {
  const t = useMessages(childMessages);
  return (
    <section id="wishes">
      <h2>{t.wishesTitle}</h2>
      <Table
        columns={[t.alias, t.wish, t.wishStatus]}
        rows={props.wishes}
        emptyText={t.noWishes}
        cells={(w) => [`${w.alias} · ${t.ageBands(w.ageBand)}`, w.wish, t.wishStatuses(w.status)]}
      />
      {props.mayPublish && <WishForm childId={props.childId} {...props.form} />}
    </section>
  );
}

export function WishForm(props: Form & { childId: string }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  const { values: v, errors: e } = props;
  return (
    <section id="publish-wish">
      <h3>{t.publishWish}</h3>
      <FormErrorSummary show={Object.keys(e).length > 0} />
      <form method="post" action={p(`/children/${props.childId}/wishes`)}>
        <Field name="alias" label={t.alias} hint={t.aliasHint} value={v.alias} error={e.alias} required />
        <SelectField blank="—" name="age_band" label={t.ageBand} choices={AGE_BANDS.map((b) => [b, t.ageBands(b)] as const)} value={v.age_band} error={e.age_band} required />
        <Field name="wish" label={t.wish} hint={t.wishHint} type="textarea" value={v.wish} error={e.wish} required />
        <button type="submit">{t.publishWish}</button>
      </form>
    </section>
  );
}

/** The wish form alone, sent back with its errors: it reads nothing of the child. */
export function WishFormPage(props: Form & { childId: string }) {
  const t = useMessages(childMessages);
  const p = usePluginPath();
  return (
    <>
      <p><a href={p(`/children/${props.childId}`)}>{t.child}</a></p>
      <WishForm {...props} />
    </>
  );
}
