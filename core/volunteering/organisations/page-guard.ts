import { forbiddenPage, notFoundPage } from '../../http/error-pages.tsx';
import type { MemberRole } from '../shared/catalogue.ts';
import { idFrom, inCity, userId, type C } from '../shared/route-kit.ts';
import { organisationAccess } from '../volunteers/members.ts';

/**
 * The guard of an organisation's own pages: the approved organisation the
 * route's id names when the user holds one of `allowed` roles in it, or the page
 * that says why not (404 for an unknown id, 403 for anything else).
 */
export async function organisationFor(c: C, allowed: readonly MemberRole[]) {
  const id = idFrom(c);
  const access = id ? await inCity(c, (tx, tenantId) => organisationAccess(tx, tenantId, id, userId(c), allowed)) : null;
  if (!access || (!access.ok && access.reason === 'not_found')) return { refused: notFoundPage(c) } as const;
  if (!access.ok) return { refused: forbiddenPage(c) } as const;
  return { organisation: access.organisation } as const;
}
