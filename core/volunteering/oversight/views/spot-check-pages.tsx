import { Table } from '../../../../views/components/table.tsx';
import { Field, FormErrorSummary } from '../../../../views/components/field.tsx';
import { Pagination } from '../../../../views/components/pagination.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { FieldErrors, FormValues } from '../../shared/forms.ts';
import { MAX_SAMPLE_SIZE, type SampleItem, type SpotCheck, type SpotCheckReport, type SpotCheckSummary } from '../spot-checks.ts';
import { spotCheckMessages } from '../spot-check-messages.ts';
import { str } from '../../shared/views/inputs.tsx';
import { periodText, ReportFacts, SampleRow, useSampleColumns, type FailedMark } from './spot-check-rows.tsx';

export type DrawFormProps = { values: FormValues; errors: FieldErrors; /** A refusal of the whole form, e.g. an empty period. */ refusal?: string };
export type SpotCheckListProps = DrawFormProps & { rows: SpotCheckSummary[]; total: number; page: number };

function DrawForm({ values, errors, refusal }: DrawFormProps) {
  const t = useMessages(spotCheckMessages);
  const { path } = usePage();
  return (
    <section class="card" id="draw">
      <h2>{t.drawTitle}</h2>
      <FormErrorSummary show={Object.keys(errors).length > 0} />
      {refusal && <p class="flash flash-error" role="alert">{refusal}</p>}
      <form method="post" action={path('/admin/spot-checks')} class="stack">
        <Field name="from" label={t.periodFrom} type="date" value={str(values.from)} error={errors.from} hint={t.periodHint} required />
        <Field name="to" label={t.periodTo} type="date" value={str(values.to)} error={errors.to} required />
        <Field
          name="sample_size"
          label={t.sampleSize}
          type="number"
          inputmode="numeric"
          min={1}
          max={MAX_SAMPLE_SIZE}
          value={str(values.sample_size)}
          error={errors.sample_size}
          hint={t.sampleSizeHint}
          required
        />
        <Field name="seed" label={t.seed} value={str(values.seed)} error={errors.seed} hint={t.seedHint} maxlength={64} />
        <p><button type="submit">{t.draw}</button></p>
      </form>
    </section>
  );
}

/** The city's spot checks with their progress, and the form that draws a new one. */
export function SpotCheckListPage(props: SpotCheckListProps) {
  const t = useMessages(spotCheckMessages);
  const { locale, path } = usePage();
  return (
    <>
      <h1>{t.listTitle}</h1>
      <p class="muted">{t.listIntro}</p>
      <Table
        columns={[t.period, t.drawnAt, t.drawnBy, t.sample, t.progress]}
        rows={props.rows}
        cells={(s) => [
          <a href={path(`/admin/spot-checks/${s.id}`)}>{periodText(s, locale)}</a>,
          formatDateTime(s.createdAt, locale),
          s.creatorName,
          t.sampleOf(s.sampleSize, s.population),
          t.progressValue(s.confirmed, s.problems, s.unchecked),
        ]}
      />
      <Pagination page={props.page} total={props.total} href={(p) => path(`/admin/spot-checks?page=${p}`)} />
      <DrawForm values={props.values} errors={props.errors} refusal={props.refusal} />
    </>
  );
}

export type SpotCheckHeader = SpotCheck & { creatorName: string };

/** Period, seed, population and who drew it: the head of the check and of its report. */
export function CheckFacts({ check }: { check: SpotCheckHeader }) {
  const t = useMessages(spotCheckMessages);
  const { locale } = usePage();
  return (
    <>
      <dl class="facts">
        <dt>{t.period}</dt>
        <dd>{periodText(check, locale)}</dd>
        <dt>{t.seedLabel}</dt>
        <dd><code>{check.seed}</code></dd>
        <dt>{t.population}</dt>
        <dd>{check.population}</dd>
        <dt>{t.sampleCount}</dt>
        <dd>{check.sampleSize}</dd>
        <dt>{t.drawnBy}</dt>
        <dd>{check.creatorName} · {formatDateTime(check.createdAt, locale)}</dd>
      </dl>
      <p><strong>{t.reproducible}</strong> <span class="muted">{t.reproducibleWhy}</span></p>
    </>
  );
}

export type SpotCheckPageProps = { check: SpotCheckHeader; items: SampleItem[]; report: SpotCheckReport; failed?: FailedMark };

/** One spot check: its facts, the running tally and the sample, each record with its check form. */
export function SpotCheckPage({ check, items, report, failed }: SpotCheckPageProps) {
  const t = useMessages(spotCheckMessages);
  const { locale, path } = usePage();
  return (
    <>
      <p><a href={path('/admin/spot-checks')}>{t.backToList}</a></p>
      <h1>{t.checkTitle(periodText(check, locale))}</h1>
      <section class="card">
        <CheckFacts check={check} />
      </section>
      <section class="card">
        <ReportFacts report={report} sampleSize={check.sampleSize} />
        <p><a href={path(`/admin/spot-checks/${check.id}/report`)}>{t.viewReport}</a></p>
      </section>
      <FormErrorSummary show={failed !== undefined} />
      <Table columns={useSampleColumns()} empty={false}>
        {items.map((item) => <SampleRow checkId={check.id} item={item} failed={failed} />)}
      </Table>
    </>
  );
}
