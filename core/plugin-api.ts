/**
 * The one surface plugins import from the core. Anything a plugin needs from the
 * core is exported here; plugins never import core internals directly.
 */
export { definePlugin } from './plugins/define-plugin.ts';
export type { PluginDefinition, PluginEnv, PluginJob, PluginNavEntry } from './plugins/define-plugin.ts';
export type { CoreEvents, EventContext, ServiceRecordEvent } from './plugins/events.ts';
export type { Tx } from './db/database.ts';
export { tenantIdColumn, tenantIsolation } from './db/tenant-table.ts';
export { newId } from './db/ids.ts';
export { recordAudit } from './audit/service.ts';
export { requirePermission, requireUser } from './identity/guard.ts';
export { defineMessages, type Locale } from './i18n/messages.ts';
export { formatDate, formatDateTime } from './i18n/format.ts';
export { messagesFor, sitePath, useMessages, usePage } from '../views/context.ts';
export { Field, FormErrorSummary } from '../views/components/field.tsx';
export { Pagination, EmptyRow, PAGE_SIZE, pageFromQuery } from '../views/components/pagination.tsx';
export { RowNoticeText, Table, TableRow, type Column, type RowNotice } from '../views/components/table.tsx';
export { setFlash } from './http/flash.ts';
export { notFoundPage, forbiddenPage } from './http/error-pages.tsx';
export { ensureAccount, findAccount, type LedgerAccount } from './ledger/accounts.ts';
export { lockLedger, postTransfer, postTransfers, reverseTransfer, type Transfer, type TransferRequest } from './ledger/post.ts';
export { accountStatement, type StatementLine } from './ledger/statement.ts';
export { LedgerError, type LedgerErrorCode } from './ledger/errors.ts';
export type { PluginSeedContext } from './plugins/define-plugin.ts';
export { findMember, memberNames, membersWithRole, volunteerFacts, type Member, type VolunteerFacts } from './plugins/people.ts';
export { formatFen, parseYuan } from './i18n/money.ts';
export { Money } from '../views/components/money.tsx';
export { HorizontalBarChart, VerticalBarChart, type Bar } from '../views/components/charts.tsx';
export { parseLocalDate, parseLocalDateTime, toLocalDateInput, toLocalDateTimeInput } from './volunteering/shared/time.ts';
export { PROJECT_CATEGORIES, type ProjectCategory } from './volunteering/shared/catalogue.ts';
export { verifiedServiceRecords } from './volunteering/records/verification.ts';
export { clientAddress } from './http/address.ts';
export { SlidingWindowLimiter } from './identity/rate-limit.ts';
export { toCsv, type CsvCell } from './csv.ts';
export { idFrom, inCity, page, readForm } from './http/handler-kit.ts';
export { accountMovements, ledgerHashAt, type AccountMovements, type ChainPoint } from './ledger/reads.ts';
export { maskName } from './volunteering/shared/masking.ts';
export { groupCode, newReadableCode, readCode } from './readable-codes.ts';
export { qrSvg } from './volunteering/shared/qr-svg.ts';
export { blockedUntilAfterFailure, secondsUntil } from './identity/backoff.ts';
export { defineMessageKind, type Channel, type CityName, type MessageKind, type MessageParams } from './messages/kinds.ts';
export { queueMessage, type Recipient } from './messages/outbox.ts';
