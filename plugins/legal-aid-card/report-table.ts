import { type FoundationReportCell, type FoundationReportSection, formatDuration, ledgerPathOfNumbers, type Locale } from '../../core/plugin-api.ts';
import { caseMessages } from './case-messages.ts';
import { reportMessages } from './messages.ts';
import type { BatchFigures, CityFigures } from './report.ts';

/** A figure that is a ledger amount: linked to the transfers that posted it on the city's public ledger. */
const inLedger = (text: string, numbers: number[]): FoundationReportCell => (numbers.length > 0 ? { text, path: ledgerPathOfNumbers(numbers) } : text);

/** The figures of several batches added up: the city's total row. */
function total(batches: BatchFigures[], label: string): BatchFigures {
  const sum = (pick: (b: BatchFigures) => number) => batches.reduce((n, b) => n + pick(b), 0);
  const closedByOutcome: Record<string, number> = {};
  for (const b of batches) for (const [outcome, n] of Object.entries(b.closedByOutcome)) closedByOutcome[outcome] = (closedByOutcome[outcome] ?? 0) + n;
  return {
    batchId: '',
    sponsor: label,
    cardsIssued: sum((b) => b.cardsIssued),
    cardsIssuedInLedger: batches.flatMap((b) => b.cardsIssuedInLedger),
    cardsActivated: sum((b) => b.cardsActivated),
    consultations: sum((b) => b.consultations),
    applications: sum((b) => b.applications),
    closedByOutcome,
    lawyerMinutes: sum((b) => b.lawyerMinutes),
    lawyerMinutesInLedger: batches.flatMap((b) => b.lawyerMinutesInLedger),
  };
}

/**
 * The sponsor report as one table of figures, per batch and, when the city has
 * several, for the whole city: the public report page and the sponsoring
 * foundation's report in the console show the same one.
 */
export function reportTable(figures: CityFigures, locale: Locale, totalOf: 'city' | 'foundation' = 'city'): FoundationReportSection {
  const t = reportMessages[locale];
  const k = caseMessages[locale];
  // A foundation's part adds up its own batches only: not the city's total.
  const label = totalOf === 'city' ? t.cityTotal : t.donatedTotal;
  const rows = figures.batches.length > 1 ? [...figures.batches, total(figures.batches, label)] : figures.batches;
  return {
    columns: [t.sponsor, t.issued, t.activated, t.consultations, t.applications, t.closed, t.lawyerHours],
    rows: rows.map((b) => [
      b.sponsor,
      inLedger(String(b.cardsIssued), b.cardsIssuedInLedger),
      b.cardsActivated,
      b.consultations,
      b.applications,
      Object.entries(b.closedByOutcome).map(([outcome, n]) => `${k.outcomes(outcome)} ${n}`).join(t.listSeparator) || '0',
      inLedger(formatDuration(b.lawyerMinutes, locale), b.lawyerMinutesInLedger),
    ]),
    emptyText: t.none,
    note: t.talks(figures.sessions, figures.attendance),
  };
}
