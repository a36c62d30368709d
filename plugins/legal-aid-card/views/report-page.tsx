import { Table, useMessages } from '../../../core/plugin-api.ts';
import { caseMessages } from '../case-messages.ts';
import { reportMessages } from '../messages.ts';
import type { CityFigures } from '../report.ts';
import { PluginStyle } from './parts.tsx';

export function ReportPage({ figures }: { figures: CityFigures }) {
  const t = useMessages(reportMessages);
  const k = useMessages(caseMessages);
  return (
    <div class="lac-page">
      <PluginStyle />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Table
        id="report"
        columns={[t.sponsor, t.issued, t.activated, t.consultations, t.applications, t.closed]}
        rows={figures.batches}
        emptyText={t.none}
        cells={(b) => [
          b.sponsor,
          b.cardsIssued,
          b.cardsActivated,
          b.consultations,
          b.applications,
          Object.entries(b.closedByOutcome).map(([outcome, n]) => `${k.outcomes(outcome)} ${n}`).join('，') || '0',
        ]}
      />
      <p>{t.talks(figures.sessions, figures.attendance)}</p>
    </div>
  );
}
