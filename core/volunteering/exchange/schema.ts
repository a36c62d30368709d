import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/identity.ts';
import type { LocalizedText } from '../../db/schema/tenancy.ts';
import { tenantIdColumn, tenantIsolation } from '../../db/tenant-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const userRef = (t: { tenantId: AnyPgColumn }, column: AnyPgColumn) =>
  foreignKey({ columns: [t.tenantId, column], foreignColumns: [users.tenantId, users.id] });

/** checked: dry run done, nothing posted · queued/running: posting in the job · done. */
export type ImportStatus = 'checked' | 'queued' | 'running' | 'done';

/** A file of service records in the exchange format a city admin uploaded (exchange/format.ts). */
export const serviceRecordImports = pgTable(
  'service_record_imports',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    fileName: text('file_name').notNull(),
    /** What the list calls an import that is no uploaded file (a transfer's arrival), in both languages. */
    title: jsonb('title').$type<LocalizedText>(),
    status: text('status').$type<ImportStatus>().notNull(),
    /** Rows the dry run found ready to create, and how many of those the job has posted. */
    toCreate: integer('to_create').notNull(),
    posted: integer('posted').notNull().default(0),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('service_record_imports_created').on(t.tenantId, t.createdAt),
    userRef(t, t.uploadedBy),
    check('service_record_imports_status_known', sql`${t.status} in ('checked', 'queued', 'running', 'done')`),
    tenantIsolation('service_record_imports'),
  ],
);

/** What a row says, as the city keeps it: no ID number (the row is matched to a volunteer by then). */
export type ImportedService = {
  organisation: string;
  project: string;
  activity: string;
  category: string;
  startedAt: string;
  endedAt: string;
  minutes: number;
  content: string;
  evaluation: string;
  verifiedAt: string;
  recordedBy: string;
};
export type RowProblem = { field: string; problem: string };
/** create: would be created · duplicate: its record id was imported before, or earlier in the file · invalid: see problems. */
export type ImportRowOutcome = 'create' | 'duplicate' | 'invalid';

/**
 * One row of an import and what the dry run made of it. A posted row is an imported
 * service record: its minutes are on the ledger, its record id taken for good in this city.
 */
export const serviceRecordImportRows = pgTable(
  'service_record_import_rows',
  {
    tenantId: tenantIdColumn(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    sourceId: text('source_id').notNull(),
    outcome: text('outcome').$type<ImportRowOutcome>().notNull(),
    problems: jsonb('problems').$type<RowProblem[]>().notNull(),
    volunteerUserId: uuid('volunteer_user_id'),
    service: jsonb('service').$type<ImportedService | null>(),
    minutes: integer('minutes').notNull().default(0),
    transferId: uuid('transfer_id'),
    postedAt: at('posted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.rowNumber] }),
    // Idempotent by record id: one posted row per source record in a city, whatever file it came in.
    uniqueIndex('service_record_import_rows_posted_source').on(t.tenantId, t.sourceId).where(sql`transfer_id is not null`),
    index('service_record_import_rows_volunteer').on(t.tenantId, t.volunteerUserId),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [serviceRecordImports.tenantId, serviceRecordImports.id] }).onDelete('cascade'),
    userRef(t, t.volunteerUserId),
    check('service_record_import_rows_outcome_known', sql`${t.outcome} in ('create', 'duplicate', 'invalid')`),
    tenantIsolation('service_record_import_rows'),
  ],
);
