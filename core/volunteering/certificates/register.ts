import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { toCsv } from '../../csv.ts';
import type { Tx } from '../../db/database.ts';
import { organisations } from '../organisations/schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { serviceCertificates } from './schema.ts';

/**
 * The city's certificate register (办法: the issuing of certificates is recorded
 * and open to oversight): every certificate of the city, newest first, with its
 * live state, filtered by issuing organisation and issue date.
 */
export type RegisterFilter = { organisationId: string | null; issuedFrom: Date | null; issuedUntil: Date | null };

export type RegisterRow = {
  id: string;
  number: string | null;
  code: string;
  createdAt: Date;
  organisationName: string | null;
  volunteerName: string;
  volunteerNumber: string;
  idNumberMasked: string | null;
  periodFrom: string;
  periodTo: string;
  totalMinutes: number;
  records: number;
  revokedCount: number;
};

function where(tenantId: string, f: RegisterFilter): SQL | undefined {
  return and(
    eq(serviceCertificates.tenantId, tenantId),
    f.organisationId ? eq(serviceCertificates.organisationId, f.organisationId) : undefined,
    f.issuedFrom ? gte(serviceCertificates.createdAt, f.issuedFrom) : undefined,
    f.issuedUntil ? lt(serviceCertificates.createdAt, f.issuedUntil) : undefined,
  );
}

function registerQuery(tx: Tx, tenantId: string, f: RegisterFilter) {
  return tx
    .select({
      id: serviceCertificates.id,
      number: serviceCertificates.number,
      code: serviceCertificates.code,
      createdAt: serviceCertificates.createdAt,
      organisationName: organisations.name,
      volunteerName: sql<string>`${serviceCertificates.summary} ->> 'volunteerName'`,
      volunteerNumber: sql<string>`${serviceCertificates.summary} ->> 'volunteerNumber'`,
      idNumberMasked: sql<string | null>`${serviceCertificates.summary} ->> 'idNumberMasked'`,
      periodFrom: serviceCertificates.periodFrom,
      periodTo: serviceCertificates.periodTo,
      totalMinutes: serviceCertificates.totalMinutes,
      records: sql<number>`cardinality(${serviceCertificates.recordIds})`.mapWith(Number),
      // The city by value, not from the outer row: Citus routes the subquery to the city's shard only then.
      revokedCount: sql<number>`(select count(*) from ${serviceRecords}
        where ${serviceRecords.tenantId} = ${tenantId}
          and ${serviceRecords.id} = any(${serviceCertificates.recordIds})
          and ${serviceRecords.status} = 'revoked')`.mapWith(Number),
    })
    .from(serviceCertificates)
    .leftJoin(organisations, and(eq(organisations.tenantId, serviceCertificates.tenantId), eq(organisations.id, serviceCertificates.organisationId)))
    .where(where(tenantId, f))
    .orderBy(desc(serviceCertificates.createdAt), desc(serviceCertificates.id));
}

export async function listRegister(tx: Tx, tenantId: string, f: RegisterFilter, page: number, pageSize: number): Promise<{ rows: RegisterRow[]; total: number }> {
  const [total] = await tx.select({ n: count() }).from(serviceCertificates).where(where(tenantId, f));
  const rows = await registerQuery(tx, tenantId, f).limit(pageSize).offset((page - 1) * pageSize);
  return { rows, total: total?.n ?? 0 };
}

/** Most rows one register file holds; a larger period is exported in parts. */
export const MAX_REGISTER_EXPORT = 20_000;

export async function registerRowsForExport(tx: Tx, tenantId: string, f: RegisterFilter): Promise<RegisterRow[]> {
  return registerQuery(tx, tenantId, f).limit(MAX_REGISTER_EXPORT);
}

/** The register as CSV, headings in Chinese like the record export (the file goes to the archive and other systems). */
export const REGISTER_COLUMNS = ['证明编号', '开具时间', '出具组织', '志愿者姓名', '志愿者编号', '证件号码（部分隐藏）', '服务时间段起', '服务时间段止', '服务时长（分钟）', '记录数', '状态', '已撤销记录数', '验证码'] as const;

export function registerCsv(rows: readonly RegisterRow[], formatTime: (d: Date) => string): string {
  const lines = rows.map((r) => [
    r.number,
    formatTime(r.createdAt),
    r.organisationName,
    r.volunteerName,
    r.volunteerNumber,
    r.idNumberMasked,
    r.periodFrom,
    r.periodTo,
    r.totalMinutes,
    r.records,
    r.revokedCount === 0 ? '有效' : '已失效',
    r.revokedCount,
    r.code,
  ]);
  return toCsv([[...REGISTER_COLUMNS], ...lines], { bom: true, windows: true });
}

/** The organisations that have issued certificates, by name: the register's organisation filter. */
export async function issuingOrganisations(tx: Tx, tenantId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(serviceCertificates)
    .innerJoin(organisations, and(eq(organisations.tenantId, serviceCertificates.tenantId), eq(organisations.id, serviceCertificates.organisationId)))
    .where(eq(serviceCertificates.tenantId, tenantId))
    .orderBy(organisations.name, organisations.id);
}
