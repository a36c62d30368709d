import type { Tx } from '../../db/database.ts';
import { exportPage, type ExportCursor, type ExportRow } from '../oversight/exports.ts';
import { isIdType } from '../volunteers/id-documents.ts';
import { openIdNumber } from '../volunteers/id-number-keys.ts';
import { categoryLabel, exchangeTime, idTypeLabel, type ExchangeRecord } from './format.ts';

/** What recorded the service: the city's name, and its slug, which makes record ids unique between cities. */
export type RecordingCity = { slug: string; name: string };

function evaluationOf(row: ExportRow): string {
  return [row.rating ? `${row.rating}分` : '', row.evaluation ?? ''].filter(Boolean).join('；');
}

/** A verified record as the exchange format writes it; the ID number opened, for the national system is real-name. */
export function exchangeRecordOf(row: ExportRow, city: RecordingCity): ExchangeRecord {
  const idType = row.idType && isIdType(row.idType) ? row.idType : null;
  return {
    sourceId: `${city.slug}/${row.recordId}`,
    volunteerNumber: row.volunteerNumber ?? '',
    volunteerName: row.volunteerName,
    idType: idTypeLabel(idType),
    idNumber: idType && row.idNumberSealed ? openIdNumber(row.idNumberSealed) : '',
    organisation: row.organisationName,
    project: row.projectName,
    activity: row.activityTitle ?? '',
    category: categoryLabel(row.category),
    startedAt: exchangeTime(row.startedAt),
    endedAt: exchangeTime(row.endedAt),
    minutes: row.minutes,
    content: row.content,
    evaluation: evaluationOf(row),
    verifiedAt: exchangeTime(row.decidedAt),
    recordedBy: city.name,
  };
}

export type ExchangeFilter = { from: Date | null; until: Date | null; volunteerUserId?: string };

/** One page of the city's verified records in the exchange format, after `cursor`. */
export async function exchangePage(tx: Tx, tenantId: string, city: RecordingCity, filter: ExchangeFilter, cursor: ExportCursor | null) {
  const scope = filter.volunteerUserId ? { volunteerUserId: filter.volunteerUserId } : ('city' as const);
  const page = await exportPage(tx, tenantId, { scope, from: filter.from, until: filter.until, status: 'verified' }, cursor);
  return { records: page.rows.map((row) => exchangeRecordOf(row, city)), next: page.next };
}
