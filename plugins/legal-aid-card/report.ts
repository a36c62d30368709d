import { type AnyColumn, and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { CityWork } from '../../core/plugin-api.ts';
import { hoursServiceKey } from './lawyer-hours.ts';
import { legalAidApplications, legalAidBatches, legalAidCards, legalAidConsultations, legalAidLawyerHours, legalAidLessons } from './schema.ts';

/** What a batch achieved, in counts only: nothing in it names or points to a person. */
export type BatchFigures = {
  batchId: string;
  sponsor: string;
  cardsIssued: number;
  /** Where the cards were issued: transfer numbers on the city's public ledger (the batch's and its replacements'). */
  cardsIssuedInLedger: number[];
  cardsActivated: number;
  consultations: number;
  applications: number;
  closedByOutcome: Record<string, number>;
  /** Verified minutes lawyers gave the batch's holders (on the ledger as service). */
  lawyerMinutes: number;
  /** Where those minutes were posted: transfer numbers on the city's public ledger. */
  lawyerMinutesInLedger: number[];
};
export type CityFigures = { batches: BatchFigures[]; sessions: number; attendance: number };

const sumOf = (column: AnyColumn) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
const tally = <K extends string>(rows: { key: K; n: number }[]) => new Map(rows.map((r) => [r.key, r.n]));

/**
 * The sponsor report of the city: per batch, cards issued (the batch's count plus
 * replacements), cards ever activated by a resident (a replacement is not a second activation), questions asked and aid applications made
 * with its cards, and cases closed by outcome; and the city's talks and attendance.
 * With `foundationId`, only the batches that foundation donated (its part, in its console report).
 */
export async function sponsorReport(w: CityWork, only: { foundationId?: string } = {}): Promise<CityFigures> {
  const { tx, tenantId } = w;
  const ofCity = eq(legalAidBatches.tenantId, tenantId);
  const batches = await tx
    .select()
    .from(legalAidBatches)
    .where(only.foundationId ? and(ofCity, eq(legalAidBatches.foundationId, only.foundationId)) : ofCity)
    .orderBy(legalAidBatches.createdAt, legalAidBatches.id);
  const cardOf = eq(legalAidCards.tenantId, tenantId);
  const issued = tally(await tx.select({ key: legalAidCards.batchId, n: count() }).from(legalAidCards).where(cardOf).groupBy(legalAidCards.batchId));
  const activated = tally(await tx.select({ key: legalAidCards.batchId, n: count() }).from(legalAidCards).where(and(cardOf, isNotNull(legalAidCards.activatedAt), isNull(legalAidCards.replacesCardId))).groupBy(legalAidCards.batchId));
  const consultations = tally(
    await tx
      .select({ key: legalAidCards.batchId, n: count() })
      .from(legalAidConsultations)
      .innerJoin(legalAidCards, and(eq(legalAidCards.tenantId, legalAidConsultations.tenantId), eq(legalAidCards.id, legalAidConsultations.cardId)))
      .where(eq(legalAidConsultations.tenantId, tenantId))
      .groupBy(legalAidCards.batchId),
  );
  const applications = tally(
    await tx
      .select({ key: legalAidCards.batchId, n: count() })
      .from(legalAidApplications)
      .innerJoin(legalAidCards, and(eq(legalAidCards.tenantId, legalAidApplications.tenantId), eq(legalAidCards.id, legalAidApplications.cardId)))
      .where(eq(legalAidApplications.tenantId, tenantId))
      .groupBy(legalAidCards.batchId),
  );
  const closed = await tx
    .select({ batchId: legalAidCards.batchId, outcome: legalAidApplications.outcome, n: count() })
    .from(legalAidApplications)
    .innerJoin(legalAidCards, and(eq(legalAidCards.tenantId, legalAidApplications.tenantId), eq(legalAidCards.id, legalAidApplications.cardId)))
    .where(and(eq(legalAidApplications.tenantId, tenantId), eq(legalAidApplications.status, 'closed')))
    .groupBy(legalAidCards.batchId, legalAidApplications.outcome);
  const lawyerMinutes = await verifiedLawyerMinutes(w);
  const issuance = await issuanceInLedger(w, batches);
  const [talks] = await tx
    .select({ sessions: count(), attendance: sumOf(legalAidLessons.attendance) })
    .from(legalAidLessons)
    .where(and(eq(legalAidLessons.tenantId, tenantId), eq(legalAidLessons.kind, 'session')));
  return {
    batches: batches.map((b) => ({
      batchId: b.id,
      sponsor: b.sponsor,
      cardsIssued: issued.get(b.id) ?? 0,
      cardsIssuedInLedger: issuance.get(b.id) ?? [],
      cardsActivated: activated.get(b.id) ?? 0,
      consultations: consultations.get(b.id) ?? 0,
      applications: applications.get(b.id) ?? 0,
      closedByOutcome: Object.fromEntries(closed.filter((c) => c.batchId === b.id).map((c) => [c.outcome ?? '', c.n])),
      lawyerMinutes: lawyerMinutes.get(b.id)?.minutes ?? 0,
      lawyerMinutesInLedger: lawyerMinutes.get(b.id)?.ledgerNumbers ?? [],
    })),
    sessions: talks?.sessions ?? 0,
    attendance: talks?.attendance ?? 0,
  };
}

/** Transfer numbers of each batch's issuance and of its replacement cards'. */
async function issuanceInLedger(w: CityWork, batches: { id: string; issuedTransferId: string | null }[]): Promise<Map<string, number[]>> {
  const { tx, tenantId } = w;
  const replacements = await tx
    .select({ batchId: legalAidCards.batchId, transferId: legalAidCards.issuedTransferId })
    .from(legalAidCards)
    .where(and(eq(legalAidCards.tenantId, tenantId), isNotNull(legalAidCards.issuedTransferId)));
  const issues = [...batches.map((b) => ({ batchId: b.id, transferId: b.issuedTransferId })), ...replacements].filter((i): i is { batchId: string; transferId: string } => i.transferId !== null);
  const numbers = await w.ledger.transferNumbers(issues.map((i) => i.transferId));
  const byBatch = new Map<string, number[]>();
  for (const { batchId, transferId } of issues) {
    const seq = numbers.get(transferId);
    if (seq !== undefined) byBatch.set(batchId, [...(byBatch.get(batchId) ?? []), seq]);
  }
  return byBatch;
}

/**
 * Verified lawyers' minutes per batch: on consultations and on cases, each traced to
 * the card it came through; with the transfers that posted them.
 */
async function verifiedLawyerMinutes(w: CityWork): Promise<Map<string, { minutes: number; ledgerNumbers: number[] }>> {
  const { tx, tenantId } = w;
  const hours = and(eq(legalAidLawyerHours.tenantId, tenantId), isNotNull(legalAidLawyerHours.verifiedAt));
  const cardIs = (cardId: AnyColumn) => and(eq(legalAidCards.tenantId, tenantId), eq(legalAidCards.id, cardId));
  const onConsultations = await tx
    .select({ batchId: legalAidCards.batchId, id: legalAidLawyerHours.id, minutes: legalAidLawyerHours.minutes })
    .from(legalAidLawyerHours)
    .innerJoin(legalAidConsultations, and(eq(legalAidConsultations.tenantId, tenantId), eq(legalAidConsultations.id, legalAidLawyerHours.sourceId)))
    .innerJoin(legalAidCards, cardIs(legalAidConsultations.cardId))
    .where(and(hours, eq(legalAidLawyerHours.source, 'consultation')));
  const onCases = await tx
    .select({ batchId: legalAidCards.batchId, id: legalAidLawyerHours.id, minutes: legalAidLawyerHours.minutes })
    .from(legalAidLawyerHours)
    .innerJoin(legalAidApplications, and(eq(legalAidApplications.tenantId, tenantId), eq(legalAidApplications.id, legalAidLawyerHours.sourceId)))
    .innerJoin(legalAidCards, cardIs(legalAidApplications.cardId))
    .where(and(hours, eq(legalAidLawyerHours.source, 'case')));
  const entries = [...onConsultations, ...onCases];
  const numbers = await w.service.transferNumbers(entries.map((e) => hoursServiceKey(e.id)));
  const total = new Map<string, { minutes: number; ledgerNumbers: number[] }>();
  for (const { batchId, id, minutes } of entries) {
    const batch = total.get(batchId) ?? { minutes: 0, ledgerNumbers: [] };
    batch.minutes += minutes;
    const seq = numbers.get(hoursServiceKey(id));
    if (seq !== undefined) batch.ledgerNumbers.push(seq);
    total.set(batchId, batch);
  }
  return total;
}
