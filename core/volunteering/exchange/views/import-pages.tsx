import { FormErrorSummary } from '../../../../views/components/field.tsx';
import { Table } from '../../../../views/components/table.tsx';
import { useMessages, usePage } from '../../../../views/context.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { exchangeMessages } from '../messages.ts';
import type { ImportRowOutcome, RowProblem } from '../schema.ts';
import type { serviceRecordImports } from '../schema.ts';

type ImportRow = typeof serviceRecordImports.$inferSelect;
export type ReportRow = { rowNumber: number; sourceId: string; outcome: ImportRowOutcome; problems: RowProblem[]; volunteerName: string | null; minutes: number; posted: boolean };

export function ImportUploadPage(props: { error?: string; imports: ImportRow[] }) {
  const t = useMessages(exchangeMessages);
  const { path, locale } = usePage();
  return (
    <>
      <section class="card">
        <h1>{t.importTitle}</h1>
        <p class="muted">{t.importIntro}</p>
        <FormErrorSummary show={Boolean(props.error)} />
        <form method="post" action={path('/admin/imports')} enctype="multipart/form-data" class="stack">
          <div class={props.error ? 'field has-error' : 'field'}>
            <label for="f-file">{t.file}</label>
            <input id="f-file" type="file" name="file" accept=".csv,.json,text/csv,application/json" required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? 'f-file-error f-file-hint' : 'f-file-hint'} />
            <small id="f-file-hint" class="hint">{t.fileHint}</small>
            {props.error && <small id="f-file-error" class="error">{props.error}</small>}
          </div>
          <p><button type="submit">{t.check}</button></p>
        </form>
      </section>
      {props.imports.length > 0 && (
        <section class="card">
          <h2>{t.recentImports}</h2>
          <Table
            columns={[t.file, t.when, t.status]}
            rows={props.imports}
            cells={(i) => [<a href={path(`/admin/imports/${i.id}`)}>{i.title?.[locale] ?? i.fileName}</a>, formatDateTime(i.createdAt, locale), t.statuses(i.status)]}
          />
        </section>
      )}
    </>
  );
}

/** The bar htmx refreshes every second while the job posts; it stops asking once done. Without JavaScript, reload the page. */
export function ImportProgress(props: { entry: ImportRow }) {
  const t = useMessages(exchangeMessages);
  const { path } = usePage();
  const { entry } = props;
  const working = entry.status === 'queued' || entry.status === 'running';
  const poll = working ? { 'hx-get': path(`/admin/imports/${entry.id}/progress`), 'hx-trigger': 'every 1s', 'hx-swap': 'outerHTML' } : {};
  return (
    <div id="import-progress" {...poll}>
      <progress max={Math.max(entry.toCreate, 1)} value={entry.status === 'done' ? Math.max(entry.toCreate, 1) : entry.posted} aria-label={t.progress(entry.posted, entry.toCreate)} />
      <p role="status">{entry.status === 'done' ? t.done : t.progress(entry.posted, entry.toCreate)}</p>
      {working && <p><a href={path(`/admin/imports/${entry.id}`)}>{t.statuses(entry.status)}</a></p>}
    </div>
  );
}

export function ImportReportPage(props: { entry: ImportRow; rows: ReportRow[]; counts: Record<ImportRowOutcome, number> }) {
  const t = useMessages(exchangeMessages);
  const { locale, path } = usePage();
  const { entry, counts } = props;
  const problemText = (problems: RowProblem[]) => problems.map((p) => `${t.fieldName(p.field)}：${t.problems(p.problem)}`).join('；');
  return (
    <>
      <section class="card">
        <h1>{t.reportTitle(entry.title?.[locale] ?? entry.fileName)}</h1>
        <p>{t.summary(counts.create, counts.duplicate, counts.invalid)}</p>
        {entry.status === 'checked' ? (
          entry.toCreate > 0 ? (
            <form method="post" action={path(`/admin/imports/${entry.id}/run`)}>
              <button type="submit">{t.confirm(entry.toCreate)}</button>
            </form>
          ) : (
            <p>{t.nothingToImport}</p>
          )
        ) : (
          <ImportProgress entry={entry} />
        )}
      </section>
      <section class="card">
        <Table
          columns={[t.row, t.sourceId, t.volunteer, t.minutes, t.outcome]}
          rows={props.rows}
          rowId={(r) => `row-${r.rowNumber}`}
          cells={(r) => [
            String(r.rowNumber),
            r.sourceId,
            r.volunteerName ?? '—',
            r.outcome === 'create' ? String(r.minutes) : '—',
            r.outcome === 'invalid' ? <span class="error">{problemText(r.problems)}</span> : r.posted ? t.posted : t.outcomes(r.outcome),
          ]}
        />
      </section>
    </>
  );
}
