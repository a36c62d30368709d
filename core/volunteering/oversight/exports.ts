import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { toCsv } from '../../csv.ts';
import type { Tx } from '../../db/database.ts';
import { users } from '../../db/schema/identity.ts';
import { minutesAsHours } from '../../i18n/format.ts';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../shared/catalogue.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { serviceRecords, type ServiceRecordStatus } from '../records/schema.ts';
import { toLocalDateTimeInput } from '../shared/time.ts';

/**
 * Service records as rows of a CSV file, one column per fact the Ministry of Civil
 * Affairs' 志愿服务记录与证明出具办法(试行) (2020) asks a record or a certificate to
 * hold; README "Service-record exports" names each column's source. No national
 * data-element standard for records is published (GB/T 40143-2021 is the standard
 * for volunteer organisations), so the headings are plain Chinese names, the same
 * whatever the reader's language: the file goes to other systems and the archive.
 */
export const EXPORT_COLUMNS = [
  '志愿者统一编号',
  '志愿者姓名',
  '志愿服务组织名称',
  '志愿服务项目名称',
  '志愿服务活动名称',
  '志愿服务类别',
  '服务开始时间',
  '服务结束时间',
  '服务时长（小时）',
  '服务时长（分钟）',
  '服务内容',
  '服务评价',
  '记录状态',
  '核实时间',
] as const;

export const RECORD_STATUS_LABELS: Record<ServiceRecordStatus, string> = {
  open: '服务中',
  pending: '待核实',
  verified: '已核实',
  rejected: '未通过',
  revoked: '已撤销',
};

/** Rows fetched per query: a large organisation's file is written page by page, never held whole. */
export const EXPORT_PAGE_SIZE = 2000;

/** Whose records: one organisation's, one volunteer's, or the whole city's. */
export type ExportScope = { organisationId: string } | { volunteerUserId: string } | 'city';
export type ExportFilter = {
  scope: ExportScope;
  /** Service started at or after `from` and before `until` (both optional). */
  from: Date | null;
  until: Date | null;
  status: 'verified' | 'all';
};
/** Where the next page starts: the last row's start time (as the database wrote it) and id. */
export type ExportCursor = { startedAt: string; id: string };

export type ExportRow = {
  recordId: string;
  volunteerNumber: string | null;
  /** The identity document, still sealed: only the exchange format opens it. */
  idType: string | null;
  idNumberSealed: string | null;
  volunteerName: string;
  organisationName: string;
  projectName: string;
  activityTitle: string | null;
  category: ProjectCategory;
  startedAt: Date;
  endedAt: Date | null;
  minutes: number;
  content: string;
  rating: number | null;
  evaluation: string | null;
  status: ServiceRecordStatus;
  decidedAt: Date | null;
};

function scopeCondition(scope: ExportScope): SQL | undefined {
  if (scope === 'city') return undefined;
  return 'organisationId' in scope
    ? eq(serviceRecords.organisationId, scope.organisationId)
    : eq(serviceRecords.volunteerUserId, scope.volunteerUserId);
}

/** One page of rows in service order (start time, then id), after `cursor`. */
export async function exportPage(
  tx: Tx,
  tenantId: string,
  filter: ExportFilter,
  cursor: ExportCursor | null,
  limit = EXPORT_PAGE_SIZE,
): Promise<{ rows: ExportRow[]; next: ExportCursor | null }> {
  const r = serviceRecords;
  const sameTenant = (table: { tenantId: AnyPgColumn }) => eq(table.tenantId, r.tenantId);
  const found = await tx
    .select({
      id: r.id,
      cursor: sql<string>`${r.startedAt}::text`,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      idType: volunteerProfiles.idType,
      idNumberSealed: volunteerProfiles.idNumberSealed,
      realName: volunteerProfiles.realName,
      userName: users.name,
      organisationName: organisations.name,
      projectName: projects.name,
      activityTitle: activities.title,
      category: projects.category,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      minutes: r.minutes,
      content: r.content,
      rating: r.rating,
      evaluation: r.evaluation,
      status: r.status,
      decidedAt: r.decidedAt,
    })
    .from(r)
    .innerJoin(users, and(sameTenant(users), eq(users.id, r.volunteerUserId)))
    .innerJoin(organisations, and(sameTenant(organisations), eq(organisations.id, r.organisationId)))
    .innerJoin(projects, and(sameTenant(projects), eq(projects.id, r.projectId)))
    .leftJoin(activities, and(sameTenant(activities), eq(activities.id, r.activityId)))
    .leftJoin(volunteerProfiles, and(sameTenant(volunteerProfiles), eq(volunteerProfiles.userId, r.volunteerUserId)))
    .where(
      and(
        eq(r.tenantId, tenantId),
        scopeCondition(filter.scope),
        filter.status === 'verified' ? eq(r.status, 'verified') : undefined,
        filter.from ? gte(r.startedAt, filter.from) : undefined,
        filter.until ? lt(r.startedAt, filter.until) : undefined,
        cursor ? sql`(${r.startedAt}, ${r.id}) > (${cursor.startedAt}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(r.startedAt), asc(r.id))
    .limit(limit);
  const last = found.at(-1);
  const rows = found.map(({ id, cursor: _cursor, realName, userName, ...row }) => ({ ...row, recordId: id, volunteerName: realName ?? userName }));
  return { rows, next: found.length === limit && last ? { startedAt: last.cursor, id: last.id } : null };
}

/** `2026-05-01 09:30`, China time. */
const chinaTime = (value: Date | null) => (value ? toLocalDateTimeInput(value).replace('T', ' ') : '');

/** Free text with one kind of line break (a lone CR would end the row for Excel); `toCsv` makes formulas inert. */
function textCell(value: string | null): string {
  return (value ?? '').replace(/\r\n?/g, '\n');
}

function evaluationCell(rating: number | null, evaluation: string | null): string {
  const parts = [rating ? `${rating}分` : '', textCell(evaluation)].filter(Boolean);
  return parts.join('；');
}

export function exportCells(row: ExportRow): string[] {
  const verified = row.status === 'verified' || row.status === 'revoked';
  return [
    row.volunteerNumber ?? '',
    textCell(row.volunteerName),
    textCell(row.organisationName),
    textCell(row.projectName),
    textCell(row.activityTitle),
    PROJECT_CATEGORIES[row.category]?.['zh-CN'] ?? row.category,
    chinaTime(row.startedAt),
    chinaTime(row.endedAt),
    minutesAsHours(row.minutes),
    String(row.minutes),
    textCell(row.content),
    evaluationCell(row.rating, row.evaluation),
    RECORD_STATUS_LABELS[row.status],
    verified ? chinaTime(row.decidedAt) : '',
  ];
}

/** The file's first bytes: a BOM (so Excel reads UTF-8 Chinese correctly) and the headings. */
export function csvHead(): string {
  return toCsv([EXPORT_COLUMNS], { bom: true, windows: true });
}

export function csvLines(rows: readonly ExportRow[]): string {
  return toCsv(rows.map(exportCells), { windows: true });
}

/** `服务记录-<parts>.csv`, without characters a file system or a header would choke on. */
export function exportFileName(parts: readonly string[]): string {
  const clean = parts.map((p) => p.replace(/[\\/:*?"<>|\p{Cc}]/gu, '').trim()).filter(Boolean);
  return `${['服务记录', ...clean].join('-')}.csv`;
}

/** `attachment` with the UTF-8 name (RFC 6266/5987) and an ASCII fallback for old clients. */
export function attachmentHeader(fileName: string, asciiName = 'service-records.csv'): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
