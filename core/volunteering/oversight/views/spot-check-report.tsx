import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import type { SampleItem, SpotCheckReport } from '../spot-checks.ts';
import { spotCheckMessages } from '../spot-check-messages.ts';
import { CheckFacts, type SpotCheckHeader } from './spot-check-pages.tsx';
import { periodText, ReportFacts, useRecordCells, useRecordColumns } from './spot-check-rows.tsx';

/** The printable report: the check's facts, the tally and every problem with its note and checker. */
export function SpotCheckReportPage(props: { check: SpotCheckHeader; items: SampleItem[]; report: SpotCheckReport; now: Date }) {
  const t = useMessages(spotCheckMessages);
  const { locale, path } = usePage();
  const problems = props.items.filter((i) => i.outcome === 'problem');
  return (
    <>
      <p><a href={path(`/admin/spot-checks/${props.check.id}`)}>{t.backToCheck}</a></p>
      <h1>{t.reportTitle(periodText(props.check, locale))}</h1>
      <section class="card">
        <CheckFacts check={props.check} />
        <ReportFacts report={props.report} sampleSize={props.check.sampleSize} />
      </section>
      <h2>{t.problems}</h2>
      {problems.length === 0 ? (
        <p class="muted">{t.noProblems}</p>
      ) : (
        <Table
          columns={[t.position, ...useRecordColumns(), { label: t.note, class: 'pre-line' }, t.checkedByLabel, t.checkedAtLabel]}
          rows={problems}
          cells={(item) => [
            <a href={path(`/records/${item.recordId}`)}>{item.position}</a>,
            ...useRecordCells(item),
            item.note,
            item.checkerName ?? '—',
            item.checkedAt ? formatDateTime(item.checkedAt, locale) : '—',
          ]}
        />
      )}
      <p class="muted">{t.reportGenerated(formatDateTime(props.now, locale))}</p>
    </>
  );
}
