import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { findCertificate, findCertificateByCode, normaliseCode, revocationsOf, type CertificateWithState } from '../../volunteering/certificates/service.ts';
import { serviceCertificates } from '../../volunteering/certificates/schema.ts';
import { maskName } from '../../volunteering/shared/masking.ts';
import { afterCursor, PageQuery, pageFrom, pageOf } from '../pagination.ts';
import { commonProblems, notFound } from '../problem.ts';
import { apiRoute, keyed } from '../route.ts';
import { after, idParam, json, notFoundResponse } from './shared.ts';

/** Certificates of service: read, and checked by code as `/verify/<code>` does (the name masked). */
const Certificate = z
  .object({
    id: z.guid(),
    code: z.string(),
    volunteerId: z.guid(),
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    totalMinutes: z.number().int(),
    recordIds: z.array(z.guid()),
    revokedRecords: z.number().int().openapi({ description: 'How many of its records were revoked since it was made' }),
    valid: z.boolean().openapi({ description: 'True while none of its records has been revoked' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Certificate');

const CertificateCheck = z
  .object({ valid: z.boolean(), code: z.string(), volunteerName: z.string().openapi({ description: 'Masked' }), periodFrom: z.iso.date(), periodTo: z.iso.date(), totalMinutes: z.number().int(), revokedRecords: z.number().int() })
  .openapi('CertificateCheck');

const show = (c: CertificateWithState): z.infer<typeof Certificate> => ({
  id: c.id, code: c.code, volunteerId: c.volunteerUserId, periodFrom: c.periodFrom, periodTo: c.periodTo, totalMinutes: c.totalMinutes, recordIds: c.recordIds,
  revokedRecords: c.revoked.count, valid: c.revoked.count === 0, createdAt: c.createdAt.toISOString(),
});

const scope = keyed('certificates:read');

export const certificateRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/certificates', ...scope, tags: ['Certificates'], summary: 'Certificates of the city, optionally of one volunteer',
      request: { query: PageQuery.extend({ volunteerId: z.guid().optional() }) },
      responses: { 200: { description: 'A page of certificates', content: json(pageOf(Certificate, 'CertificatePage')) }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit, volunteerId } = c.req.valid('query');
      const start = afterCursor(cursor);
      const tenantId = c.var.tenant.id;
      const page = await c.var.unit.run(async (tx) => {
        const rows = await tx
          .select()
          .from(serviceCertificates)
          .where(and(eq(serviceCertificates.tenantId, tenantId), volunteerId ? eq(serviceCertificates.volunteerUserId, volunteerId.toLowerCase()) : undefined, after(serviceCertificates.id, start)))
          .orderBy(asc(serviceCertificates.id))
          .limit(limit + 1);
        return Promise.all(rows.map(async (row) => ({ ...row, revoked: await revocationsOf(tx, tenantId, row) })));
      });
      return c.json(pageFrom(page, limit, show), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/certificates/{id}', ...scope, tags: ['Certificates'], summary: 'One certificate',
      request: { params: idParam() },
      responses: { 200: { description: 'The certificate', content: json(Certificate) }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const id = (c.req.valid('param').id as string).toLowerCase();
      const found = await c.var.unit.run((tx) => findCertificate(tx, c.var.tenant.id, id));
      if (!found) throw notFound('certificate');
      return c.json(show(found), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/certificates/verify/{code}', ...scope, tags: ['Certificates'], summary: 'Check a certificate by its verification code, as /verify/<code> does',
      request: { params: z.object({ code: z.string().max(40).openapi({ param: { name: 'code', in: 'path' }, example: 'ABCD-EFGH-JKMN-PQRS' }) }) },
      responses: { 200: { description: 'What the code certifies', content: json(CertificateCheck) }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const code = normaliseCode(c.req.valid('param').code);
      const found = code ? await c.var.unit.run((tx) => findCertificateByCode(tx, c.var.tenant.id, code)) : null;
      if (!found) throw notFound('certificate');
      return c.json(
        { valid: found.revoked.count === 0, code: found.code, volunteerName: maskName(found.summary.volunteerName), periodFrom: found.periodFrom, periodTo: found.periodTo, totalMinutes: found.totalMinutes, revokedRecords: found.revoked.count },
        200,
      );
    },
  ),
];
