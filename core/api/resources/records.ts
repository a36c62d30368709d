import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { clientAddress } from '../../http/address.ts';
import { sitePlugins } from '../../plugins/site-plugins.ts';
import { recordAttendance } from '../../volunteering/attendance/service.ts';
import { findActivity } from '../../volunteering/activities/service.ts';
import { serviceRecords } from '../../volunteering/records/schema.ts';
import { MAX_RECORD_MINUTES, verifyRecords } from '../../volunteering/records/verification.ts';
import { DAY_MS } from '../../volunteering/shared/time.ts';
import { afterCursor, PageQuery, pageFrom, pageOf } from '../pagination.ts';
import { ApiProblem, commonProblems, notFound, problemContent } from '../problem.ts';
import { apiRoute, keyed } from '../route.ts';
import { after, Id, idParam, isoOrNull, json, notFoundResponse } from './shared.ts';
import type { Tx } from '../../db/database.ts';

/**
 * Service records: read; recorded for a confirmed volunteer of an activity and
 * verified through the same services the organiser's pages use, so a verification
 * posts to the ledger and tells plugins exactly as on the site. A key acts as the
 * city admin who made it.
 */
const STATUSES = ['open', 'pending', 'verified', 'rejected', 'revoked'] as const;
const ServiceRecord = z
  .object({
    id: z.guid(),
    volunteerId: z.guid(),
    organisationId: z.guid(),
    projectId: z.guid(),
    activityId: z.guid().nullable(),
    status: z.enum(STATUSES),
    source: z.enum(['checkin', 'claim', 'organiser', 'plugin']),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    minutes: z.number().int().openapi({ description: 'Whole minutes served (as verified once verified)' }),
    content: z.string(),
    decidedAt: z.iso.datetime().nullable(),
    ledgerTransferId: z.guid().nullable().openapi({ description: 'The ledger transfer that posted the minutes (verified records)' }),
  })
  .openapi('ServiceRecord');

type Row = typeof serviceRecords.$inferSelect;
const show = (r: Row): z.infer<typeof ServiceRecord> => ({
  id: r.id, volunteerId: r.volunteerUserId, organisationId: r.organisationId, projectId: r.projectId, activityId: r.activityId, status: r.status, source: r.source,
  startedAt: r.startedAt.toISOString(), endedAt: isoOrNull(r.endedAt), minutes: r.minutes, content: r.content, decidedAt: isoOrNull(r.decidedAt), ledgerTransferId: r.transferId,
});

async function recordOf(tx: Tx, tenantId: string, id: string): Promise<Row> {
  const [row] = await tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.id, id)));
  if (!row) throw notFound('service record');
  return row;
}

const NewServiceRecord = z
  .object({
    activityId: Id,
    volunteerId: Id,
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((v, ctx) => {
    const start = Date.parse(v.startedAt);
    const end = Date.parse(v.endedAt);
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must be after startedAt' });
    else if (end - start > DAY_MS) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'a record covers one day at most' });
    if (end > Date.now()) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be in the future' });
  })
  .openapi('NewServiceRecord');

const Verification = z
  .object({ minutes: z.number().int().min(1).max(MAX_RECORD_MINUTES).optional().openapi({ description: 'A corrected duration; omitted: as recorded' }) })
  .openapi('Verification');

const conflict = (detail: string) => new ApiProblem(409, 'conflict', 'Conflict', detail);
const REFUSALS: Record<string, string> = {
  not_confirmed: 'The volunteer has no confirmed place at this activity.',
  duplicate: 'The volunteer already has a record for this activity.',
  not_ended: 'The activity has not ended yet.',
  no_profile: 'The person has no volunteer profile.',
  overlap: 'The volunteer already has a record overlapping this period.',
};

const actorOf = (c: { var: { apiKey: { createdBy: string } } }, address: string) => ({ userId: c.var.apiKey.createdBy, address });

export const recordRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/service-records', ...keyed('records:read'), tags: ['Service records'], summary: 'Service records, filtered by organisation, volunteer or status',
      request: { query: PageQuery.extend({ organisationId: Id.optional(), volunteerId: Id.optional(), status: z.enum(STATUSES).optional() }) },
      responses: { 200: { description: 'A page of records', content: json(pageOf(ServiceRecord, 'ServiceRecordPage')) }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit, organisationId, volunteerId, status } = c.req.valid('query');
      const start = afterCursor(cursor);
      const rows = await c.var.unit.run((tx) =>
        tx
          .select()
          .from(serviceRecords)
          .where(
            and(
              eq(serviceRecords.tenantId, c.var.tenant.id),
              organisationId ? eq(serviceRecords.organisationId, organisationId.toLowerCase()) : undefined,
              volunteerId ? eq(serviceRecords.volunteerUserId, volunteerId.toLowerCase()) : undefined,
              status ? eq(serviceRecords.status, status) : undefined,
              after(serviceRecords.id, start),
            ),
          )
          .orderBy(asc(serviceRecords.id))
          .limit(limit + 1),
      );
      return c.json(pageFrom(rows, limit, show), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/service-records/{id}', ...keyed('records:read'), tags: ['Service records'], summary: 'One service record',
      request: { params: idParam() },
      responses: { 200: { description: 'The record', content: json(ServiceRecord) }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const id = (c.req.valid('param').id as string).toLowerCase();
      return c.json(show(await c.var.unit.run((tx) => recordOf(tx, c.var.tenant.id, id))), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'post', path: '/service-records', ...keyed('records:write', 'write'), tags: ['Service records'],
      summary: 'Record a confirmed volunteer’s service at an activity (pending until verified)',
      request: { body: { content: json(NewServiceRecord), required: true } },
      responses: {
        201: { description: 'The pending record', content: json(ServiceRecord) },
        409: { description: 'Refused: no confirmed place, a record already there, an overlapping period', content: problemContent },
        422: { description: 'The period starts before the project', content: problemContent },
        ...notFoundResponse,
        ...commonProblems,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { tenant } = c.var;
      const record = await c.var.unit.run(async (tx) => {
        const activityId = input.activityId.toLowerCase();
        const found = await findActivity(tx, tenant.id, activityId);
        if (!found) throw notFound('activity');
        const period = { startedAt: new Date(input.startedAt), endedAt: new Date(input.endedAt) };
        if (period.startedAt < found.project.startsOn) throw new ApiProblem(422, 'before-project', 'Before the project', 'startedAt is before the project began.', [{ path: 'startedAt', message: 'before the project began' }]);
        const result = await recordAttendance(tx, tenant.id, activityId, input.volunteerId.toLowerCase(), period, actorOf(c, clientAddress(c)));
        if (!result.ok) throw result.reason === 'not_found' ? notFound('activity') : conflict(REFUSALS[result.reason]!);
        return recordOf(tx, tenant.id, result.recordId);
      });
      return c.json(show(record), 201);
    },
  ),
  apiRoute(
    createRoute({
      method: 'post', path: '/service-records/{id}/verify', ...keyed('records:verify', 'write'), tags: ['Service records'],
      summary: 'Verify a pending record: posts its minutes to the ledger, as the organiser’s page does',
      request: { params: idParam(), body: { content: json(Verification), required: true } },
      responses: {
        200: { description: 'The verified record', content: json(ServiceRecord) },
        409: { description: 'The record is not pending', content: problemContent },
        ...notFoundResponse,
        ...commonProblems,
      },
    }),
    async (c) => {
      const id = (c.req.valid('param').id as string).toLowerCase();
      const { minutes } = c.req.valid('json');
      const { tenant } = c.var;
      const record = await c.var.unit.run(async (tx) => {
        const row = await recordOf(tx, tenant.id, id);
        const decision = { deciderId: c.var.apiKey.createdBy, address: clientAddress(c) };
        const result = await verifyRecords(tx, tenant.id, row.organisationId, [{ recordId: id, minutes }], decision, sitePlugins(c).events);
        if (result.verified.length === 0) throw conflict(`The record is ${row.status}, not pending with a duration: only a pending record can be verified.`);
        return recordOf(tx, tenant.id, id);
      });
      return c.json(show(record), 200);
    },
  ),
];
