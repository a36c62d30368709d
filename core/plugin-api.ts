/**
 * The one surface plugins import from the core. A plugin sees its city through
 * one context object (`pluginContext(c)` in routes, `ctx` in events, jobs and
 * seeds): never the database, never another plugin.
 */

// The context: the city, the user and permissions, the settings, and units of work (tenant transaction, ledger, audit, people).
export type { CityPeople, CityWork, PluginCity, PluginContext, PluginLedger, PluginService, PluginUser, PluginWebhooks } from './plugins/context.ts';
export type { PluginOrganisation, Programme, RecordWitnessedResult, WitnessedService } from './volunteering/records/plugin-service.ts';
export { commitWork, offerToPageCache, page, pluginContext, requirePermission, requireUser } from './plugins/route-kit.ts';
export { idFrom, readForm } from './http/handler-kit.ts';
export { clientAddress } from './http/address.ts';
export { setFlash } from './http/flash.ts';
export { notFoundPage, forbiddenPage } from './http/error-pages.tsx';
export type { Tx } from './db/database.ts';
// A busy page's select built once (drizzle's building cost more Node CPU than sending it): `w.tx` and placeholders.
export { selectBuiltOnce } from './db/built-once.ts';

// The definition: manifest, events, the plugin's own tables.
export { definePlugin } from './plugins/define-plugin.ts';
export type { PluginDefinition, PluginEnv, PluginJob, PluginNavEntry } from './plugins/define-plugin.ts';
export type { CoreEvents, RevokedRecordEvent, ServiceRecordEvent } from './plugins/events.ts';
export type { FoundationReportCell, FoundationReportReader, FoundationReportSection } from './plugins/foundation-report.ts';
export type { SponsoringFoundation } from './plugins/sponsors.ts';
export { tenantIdColumn, tenantIsolation } from './db/tenant-table.ts';
export { newId } from './db/ids.ts';
export { groupCode, newReadableCode, readCode } from './readable-codes.ts';
export { PROJECT_CATEGORIES, type ProjectCategory } from './volunteering/shared/catalogue.ts';
export { SlidingWindowLimiter } from './identity/rate-limit.ts';
export { toCsv, type CsvCell } from './csv.ts';

// The views: shared components and the page's request.
export { messagesFor, sitePath, useMessages, usePage } from '../views/context.ts';
export { escapeHtml } from '../views/escape.ts';
export { Field, FormErrorSummary } from '../views/components/field.tsx';
export { CheckboxGroup, SelectField, type Choices } from '../views/components/choice-fields.tsx';
export { Pagination, EmptyRow, PAGE_SIZE, pageFromQuery } from '../views/components/pagination.tsx';
export { RowNoticeText, Table, TableRow, type Column, type RowNotice } from '../views/components/table.tsx';
export { Money } from '../views/components/money.tsx';
export { Duration } from '../views/components/duration.tsx';
export { ChainLink, YourAccountRef } from './ledger/public-page.tsx';
export { ledgerPathOfNumbers } from './ledger/public-links.ts';
export { HorizontalBarChart, VerticalBarChart, type Bar } from '../views/components/charts.tsx';
export { maskName } from './volunteering/shared/masking.ts';
export { qrSvg } from './volunteering/shared/qr-svg.ts';

// i18n: messages, dates, money.
export { defineMessages, type Locale } from './i18n/messages.ts';
export { formatDate, formatDateTime, formatDuration } from './i18n/format.ts';
export { formatFen, parseYuan } from './i18n/money.ts';
export { parseLocalDate, parseLocalDateTime, toLocalDateInput, toLocalDateTimeInput } from './volunteering/shared/time.ts';
export { blockedUntilAfterFailure, secondsUntil } from './identity/backoff.ts';

// Ledger types: what the context's ledger takes and returns.
export type { LedgerAccount } from './ledger/accounts.ts';
export type { Transfer, TransferRequest } from './ledger/post.ts';
export type { StatementLine } from './ledger/statement.ts';
export type { AccountMovements, ChainPoint } from './ledger/reads.ts';
export type { Member, VolunteerFacts } from './plugins/people.ts';
export { LedgerError, type LedgerErrorCode } from './ledger/errors.ts';

// Messages: kinds declared beside the feature, queued in the change's transaction.
export { defineMessageKind, type Channel, type CityName, type MessageKind, type MessageParams } from './messages/kinds.ts';
export { queueMessage, queueMessages, type Addressed, type Recipient } from './messages/outbox.ts';

// The city's JSON API: a plugin's own resources under /api/v1/p/<id>/ (`api` in the definition), declared with
// `createRoute` and `z` of @hono/zod-openapi; cursor pages and problem+json errors as the core's resources have.
export { apiScope, pluginApiRoute, type PluginApi, type PluginApiRoute } from './api/plugin-resources.ts';
export { afterCursor, PageQuery, pageFrom, pageOf } from './api/pagination.ts';
export { ApiProblem, commonProblems, notFound as apiNotFound, problemContent } from './api/problem.ts';
