import { type FoundationReportCell, sitePath, Table, useMessages, usePage } from '../../../core/plugin-api.ts';
import { reportMessages } from '../messages.ts';
import type { CityFigures } from '../report.ts';
import { reportTable } from '../report-table.ts';
import { PluginPage } from './page-parts.tsx';

function Cell({ cell }: { cell: FoundationReportCell }) {
  const { c } = usePage();
  return typeof cell === 'object' ? <a href={sitePath(c, cell.path)}>{cell.text}</a> : String(cell);
}

export function ReportPage({ figures }: { figures: CityFigures }) {
  const t = useMessages(reportMessages);
  const table = reportTable(figures, usePage().locale);
  return (
    <PluginPage>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Table id="report" columns={table.columns} rows={table.rows} emptyText={table.emptyText} cells={(row) => row.map((cell) => <Cell cell={cell} />)} />
      <p>{table.note}</p>
    </PluginPage>
  );
}
