import { Field, SelectField, type SponsoringFoundation, Table, useMessages } from '../../../core/plugin-api.ts';
import type { Batch, BatchCounts } from '../batches.ts';
import { cardNumberOf, printedNumber } from '../card-numbers.ts';
import type { FieldErrors, FormValues } from '../forms.ts';
import { batchMessages } from '../messages.ts';
import { PluginPage, PostForm } from './page-parts.tsx';
import { Day, usePluginPath } from './parts.tsx';

function NumberRange({ batch }: { batch: Batch }) {
  return <>{printedNumber(cardNumberOf(batch.firstSerial))} – {printedNumber(cardNumberOf(batch.firstSerial + batch.cardCount - 1))}</>;
}

function BatchStatus({ status }: { status: Batch['status'] }) {
  const t = useMessages(batchMessages);
  return <span class={status === 'active' ? 'badge' : 'badge off'}>{status === 'active' ? t.statusActive : t.statusSuspended}</span>;
}

export function BatchListPage({ batches }: { batches: { batch: Batch; counts: BatchCounts }[] }) {
  const t = useMessages(batchMessages);
  const p = usePluginPath();
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p class="actions"><a class="button" href={p('/batches/new')}>{t.newBatch}</a></p>
      <Table
        columns={[t.sponsor, t.numbers, t.validFrom, t.active, t.issued, t.batchStatus]}
        rows={batches}
        emptyText={t.noBatches}
        cells={({ batch, counts }) => [
          <a href={p(`/batches/${batch.id}`)}>{batch.sponsor}</a>,
          <NumberRange batch={batch} />,
          <><Day value={batch.validFrom} /> – <Day value={batch.validUntil} /></>,
          counts.active,
          counts.issued,
          <BatchStatus status={batch.status} />,
        ]}
      />
    </PluginPage>
  );
}

/** No foundation sponsors the plugin here: a batch cannot be recorded, and who can change that. */
function NoSponsor({ error }: { error?: string }) {
  const t = useMessages(batchMessages);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <p id="f-foundation" class="notice">{t.noSponsor}</p>
      {error && <small id="f-foundation-error" class="error">{error}</small>}
    </div>
  );
}

export function BatchFormPage({ sponsors, values, errors }: { sponsors: SponsoringFoundation[]; values: FormValues; errors: FieldErrors }) {
  const t = useMessages(batchMessages);
  return (
    <PluginPage back={{ path: '/batches', label: t.back }}>
      <h1>{t.newBatch}</h1>
      <p class="muted">{t.intro}</p>
      <PostForm path="/batches/new" button={t.create} errors={errors}>
        {sponsors.length === 0 ? (
          <NoSponsor error={errors.foundation} />
        ) : (
          <SelectField name="foundation" label={t.foundation} hint={t.foundationHint} choices={sponsors.map((s) => [s.id, s.name] as const)} value={values.foundation} error={errors.foundation} blank={t.chooseFoundation} required />
        )}
        <Field name="sponsor" label={t.sponsor} hint={t.sponsorHint} value={values.sponsor} error={errors.sponsor} maxlength={100} />
        <Field name="card_count" label={t.cardCount} type="number" min={1} max={2000} value={values.card_count} error={errors.card_count} required inputmode="numeric" />
        <Field name="valid_from" label={t.validFrom} type="date" value={values.valid_from} error={errors.valid_from} required />
        <Field name="valid_until" label={t.validUntil} type="date" value={values.valid_until} error={errors.valid_until} required />
      </PostForm>
    </PluginPage>
  );
}

export function BatchPage({ batch, counts }: { batch: Batch; counts: BatchCounts }) {
  const t = useMessages(batchMessages);
  return (
    <PluginPage back={{ path: '/batches', label: t.back }}>
      <h1>{batch.sponsor}</h1>
      <dl class="facts">
        <dt>{t.numbers}</dt>
        <dd><NumberRange batch={batch} /></dd>
        <dt>{t.cardCount}</dt>
        <dd>{batch.cardCount}</dd>
        <dt>{t.validFrom}</dt>
        <dd><Day value={batch.validFrom} /> – <Day value={batch.validUntil} /></dd>
        <dt>{t.active}</dt>
        <dd>{counts.active}</dd>
        <dt>{t.issued}</dt>
        <dd>{counts.issued}</dd>
        <dt>{t.lost}</dt>
        <dd>{counts.lost}</dd>
        <dt>{t.batchStatus}</dt>
        <dd><BatchStatus status={batch.status} /></dd>
      </dl>
      <PostForm path={`/batches/${batch.id}/${batch.status === 'active' ? 'suspend' : 'resume'}`} button={batch.status === 'active' ? t.suspend : t.resume} secondary />
    </PluginPage>
  );
}
