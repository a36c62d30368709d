import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { and, asc, eq } from 'drizzle-orm';
import { maskName } from '../../volunteering/shared/masking.ts';
import { volunteerProfiles } from '../../volunteering/volunteers/schema.ts';
import type { ApiEnv } from '../env.ts';
import { afterCursor, PageQuery, pageFrom, pageOf } from '../pagination.ts';
import { commonProblems, notFound } from '../problem.ts';
import { apiRoute, keyed } from '../route.ts';
import { after, idParam, json, notFoundResponse } from './shared.ts';

/**
 * Volunteers with a completed profile. The name is masked (黄*愿) unless the key
 * also holds `volunteers:read_unmasked`; mobile numbers and ID documents never leave.
 */
const Volunteer = z
  .object({
    id: z.guid(),
    volunteerNumber: z.string(),
    name: z.string(),
    nameMasked: z.boolean(),
    identityVerified: z.boolean(),
    registeredAt: z.iso.datetime(),
  })
  .openapi('Volunteer');

type Profile = typeof volunteerProfiles.$inferSelect;

function show(c: Context<ApiEnv>) {
  const unmasked = c.var.apiKey.scopes.includes('volunteers:read_unmasked');
  return (p: Profile & { id: string }): z.infer<typeof Volunteer> => ({
    id: p.userId,
    volunteerNumber: p.volunteerNumber,
    name: unmasked ? p.realName : maskName(p.realName),
    nameMasked: !unmasked,
    identityVerified: p.idVerifiedAt !== null,
    registeredAt: p.completedAt.toISOString(),
  });
}

const scope = keyed('volunteers:read');

export const volunteerRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/volunteers', ...scope, tags: ['Volunteers'], summary: 'Volunteers of the city (names masked unless the key may see them)',
      request: { query: PageQuery },
      responses: { 200: { description: 'A page of volunteers', content: json(pageOf(Volunteer, 'VolunteerPage')) }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const start = afterCursor(cursor);
      const rows = await c.var.unit.run((tx) =>
        tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, c.var.tenant.id), after(volunteerProfiles.userId, start))).orderBy(asc(volunteerProfiles.userId)).limit(limit + 1),
      );
      return c.json(pageFrom(rows.map((r) => ({ ...r, id: r.userId })), limit, show(c)), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/volunteers/{userId}', ...scope, tags: ['Volunteers'], summary: 'One volunteer',
      request: { params: idParam('userId') },
      responses: { 200: { description: 'The volunteer', content: json(Volunteer) }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const userId = (c.req.valid('param').userId as string).toLowerCase();
      const [row] = await c.var.unit.run((tx) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, c.var.tenant.id), eq(volunteerProfiles.userId, userId))));
      if (!row) throw notFound('volunteer');
      return c.json(show(c)({ ...row, id: row.userId }), 200);
    },
  ),
];
