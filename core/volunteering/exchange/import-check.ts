import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { parseLocalDateTime } from '../shared/time.ts';
import { MAX_RECORD_MINUTES } from '../records/verification.ts';
import { ID_TYPES, isIdType, isValidIdNumber, normaliseIdNumber, type IdType } from '../volunteers/id-documents.ts';
import { hashIdNumber } from '../volunteers/id-number-keys.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import type { RawRow } from './parse.ts';
import { serviceRecordImportRows, serviceRecordImports, type ImportedService, type ImportRowOutcome, type RowProblem } from './schema.ts';

const CHUNK = 1000;
const chunks = <T>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** `居民身份证` or `resident_id`: the type an exchange file names. */
function idTypeOf(value: string): IdType | null {
  if (isIdType(value)) return value;
  const found = Object.entries(ID_TYPES).find(([, label]) => label['zh-CN'] === value);
  return found ? (found[0] as IdType) : null;
}

const timeOf = (value: string) => parseLocalDateTime(value.replace(' ', 'T'));

/** The fields of one row that need no database: problems found, or the service it describes. */
function readRow({ values: v }: RawRow, now: Date): { problems: RowProblem[]; service: ImportedService; idDocument: { type: IdType; number: string } | null } {
  const problems: RowProblem[] = [];
  const need = (field: keyof typeof v, max: number) => {
    if (!v[field]) problems.push({ field, problem: 'required' });
    else if (v[field].length > max) problems.push({ field, problem: 'tooLong' });
  };
  const limit = (field: keyof typeof v, max: number) => v[field].length > max && problems.push({ field, problem: 'tooLong' });
  need('sourceId', 200);
  need('organisation', 200);
  need('project', 200);
  (['activity', 'category', 'volunteerName', 'recordedBy'] as const).forEach((f) => limit(f, 200));
  (['content', 'evaluation'] as const).forEach((f) => limit(f, 2000));
  const started = timeOf(v.startedAt);
  if (!started) problems.push({ field: 'startedAt', problem: v.startedAt ? 'timeInvalid' : 'required' });
  else if (started > now) problems.push({ field: 'startedAt', problem: 'inFuture' });
  const ended = v.endedAt ? timeOf(v.endedAt) : null;
  if (v.endedAt && !ended) problems.push({ field: 'endedAt', problem: 'timeInvalid' });
  else if (ended && started && ended < started) problems.push({ field: 'endedAt', problem: 'endBeforeStart' });
  if (v.verifiedAt && !timeOf(v.verifiedAt)) problems.push({ field: 'verifiedAt', problem: 'timeInvalid' });
  const minutes = /^\d{1,4}$/.test(v.minutes) ? Number(v.minutes) : NaN;
  if (!(minutes >= 1 && minutes <= MAX_RECORD_MINUTES)) problems.push({ field: 'minutes', problem: 'minutesInvalid' });

  let idDocument: { type: IdType; number: string } | null = null;
  if (v.idType || v.idNumber) {
    const type = idTypeOf(v.idType);
    const number = normaliseIdNumber(v.idNumber);
    if (!type) problems.push({ field: 'idType', problem: 'idTypeUnknown' });
    else if (!isValidIdNumber(type, number, now)) problems.push({ field: 'idNumber', problem: 'idNumberInvalid' });
    else idDocument = { type, number };
  }
  if (!v.volunteerNumber && !idDocument && !problems.some((p) => p.field.startsWith('id'))) problems.push({ field: 'volunteerNumber', problem: 'volunteerMissing' });
  const service: ImportedService = {
    organisation: v.organisation, project: v.project, activity: v.activity, category: v.category,
    startedAt: v.startedAt, endedAt: v.endedAt, minutes, content: v.content, evaluation: v.evaluation,
    verifiedAt: v.verifiedAt, recordedBy: v.recordedBy,
  };
  return { problems, service, idDocument };
}

export type CheckedImport = { id: string; toCreate: number; duplicates: number; invalid: number };

/**
 * The dry run: reads every row, matches it to a volunteer of this city by unified
 * number or ID document, and keeps what it found (never the ID number) as the
 * import's rows. Nothing is posted; `runImport` does that later.
 */
export async function checkImport(tx: Tx, tenantId: string, rows: readonly RawRow[], by: { userId: string; fileName: string }, now = new Date()): Promise<CheckedImport> {
  const read = rows.map((r) => ({ raw: r, ...readRow(r, now) }));
  const numbers = [...new Set(read.map((r) => r.raw.values.volunteerNumber).filter(Boolean))];
  const hashes = [...new Set(read.flatMap((r) => (r.idDocument ? [hashIdNumber(r.idDocument.type, r.idDocument.number)] : [])))];
  const sourceIds = [...new Set(read.map((r) => r.raw.values.sourceId).filter(Boolean))];
  const byNumber = new Map<string, string>();
  const byHash = new Map<string, string>();
  const posted = new Set<string>();
  const p = volunteerProfiles;
  for (const part of chunks(numbers)) {
    for (const r of await tx.select({ n: p.volunteerNumber, u: p.userId }).from(p).where(and(eq(p.tenantId, tenantId), inArray(p.volunteerNumber, part)))) byNumber.set(r.n, r.u);
  }
  for (const part of chunks(hashes)) {
    for (const r of await tx.select({ h: p.idNumberHash, u: p.userId }).from(p).where(and(eq(p.tenantId, tenantId), inArray(p.idNumberHash, part)))) byHash.set(r.h!, r.u);
  }
  const rowsTable = serviceRecordImportRows;
  for (const part of chunks(sourceIds)) {
    const found = await tx.select({ s: rowsTable.sourceId }).from(rowsTable).where(and(eq(rowsTable.tenantId, tenantId), inArray(rowsTable.sourceId, part), isNotNull(rowsTable.transferId)));
    for (const r of found) posted.add(r.s);
  }

  const importId = newId();
  const seen = new Set<string>();
  const counts = { create: 0, duplicate: 0, invalid: 0 };
  const stored = read.map(({ raw, problems, service, idDocument }) => {
    const { volunteerNumber, sourceId } = raw.values;
    const fromNumber = volunteerNumber ? byNumber.get(volunteerNumber) : undefined;
    const fromId = idDocument ? byHash.get(hashIdNumber(idDocument.type, idDocument.number)) : undefined;
    if (volunteerNumber && !fromNumber && !idDocument) problems.push({ field: 'volunteerNumber', problem: 'volunteerUnknown' });
    else if (idDocument && !fromId && !fromNumber) problems.push({ field: 'idNumber', problem: 'volunteerUnknown' });
    else if (fromNumber && fromId && fromNumber !== fromId) problems.push({ field: 'idNumber', problem: 'volunteerMismatch' });
    let outcome: ImportRowOutcome = problems.length > 0 ? 'invalid' : 'create';
    if (outcome === 'create' && (posted.has(sourceId) || seen.has(sourceId))) outcome = 'duplicate';
    if (sourceId) seen.add(sourceId);
    counts[outcome]++;
    return {
      tenantId, importId, rowNumber: raw.row, sourceId, outcome, problems,
      volunteerUserId: outcome === 'invalid' ? null : (fromNumber ?? fromId ?? null),
      service: outcome === 'invalid' ? null : service,
      minutes: outcome === 'create' ? service.minutes : 0,
    };
  });
  await tx.insert(serviceRecordImports).values({ tenantId, id: importId, fileName: by.fileName, status: 'checked', toCreate: counts.create, uploadedBy: by.userId });
  for (const part of chunks(stored)) await tx.insert(serviceRecordImportRows).values(part);
  return { id: importId, toCreate: counts.create, duplicates: counts.duplicate, invalid: counts.invalid };
}
