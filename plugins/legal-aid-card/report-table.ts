import { type FoundationReportSection, formatDuration, ledgerPathOfNumbers, type Locale } from '../../core/plugin-api.ts';
import { caseMessages } from './case-messages.ts';
import { reportMessages } from './messages.ts';
import type { CityFigures } from './report.ts';

/**
 * The sponsor report as one table of figures, per batch: the public report page
 * and the sponsoring foundation's report in the console show the same one.
 */
export function reportTable(figures: CityFigures, locale: Locale): FoundationReportSection {
  const t = reportMessages[locale];
  const k = caseMessages[locale];
  return {
    columns: [t.sponsor, t.issued, t.activated, t.consultations, t.applications, t.closed, t.lawyerHours],
    rows: figures.batches.map((b) => [
      b.sponsor,
      b.cardsIssued,
      b.cardsActivated,
      b.consultations,
      b.applications,
      Object.entries(b.closedByOutcome).map(([outcome, n]) => `${k.outcomes(outcome)} ${n}`).join(t.listSeparator) || '0',
      // A ledger amount: linked to the transfers that posted it on the city's public ledger.
      b.lawyerMinutesInLedger.length > 0 ? { text: formatDuration(b.lawyerMinutes, locale), path: ledgerPathOfNumbers(b.lawyerMinutesInLedger) } : formatDuration(b.lawyerMinutes, locale),
    ]),
    emptyText: t.none,
    note: t.talks(figures.sessions, figures.attendance),
  };
}
