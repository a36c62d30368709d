import { and, count, desc, eq, ilike, inArray, like, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/service.ts';
import { selectBuiltOnce } from '../db/built-once.ts';
import type { Tx } from '../db/database.ts';
import { userRoles, users } from '../db/schema/identity.ts';
import { grantRole, revokeRole } from '../identity/users.ts';

export type Member = { id: string; name: string; email: string | null; mobile: string | null; createdAt: Date; roles: string[] };

const memberColumns = { id: users.id, name: users.name, email: users.email, mobile: users.mobile, createdAt: users.createdAt };

/** `%q%` for ILIKE with the user's own `%`, `_` and `\` taken literally. */
function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

async function rolesOf(tx: Tx, tenantId: string, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await tx
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.tenantId, tenantId), inArray(userRoles.userId, userIds)))
    .orderBy(userRoles.role);
  for (const r of rows) byUser.get(r.userId)?.push(r.role);
  return byUser;
}

/** One page of the city's users, newest first, optionally only those whose name, email or mobile contains `q`. */
export async function listMembers(tx: Tx, tenantId: string, options: { q: string; page: number; pageSize: number }) {
  const statements = !options.q ? allStatements : CASELESS.test(options.q) ? caselessSearchStatements : searchStatements;
  const values = { tenantId, pattern: containing(options.q), limit: options.pageSize, offset: (options.page - 1) * options.pageSize };
  // The page carries the count of every match (one scan of the city's users, one round trip); a page past
  // the last match has no row to carry it, so only then is it counted apart.
  const rows = await statements.page(tx, values);
  const total = rows[0]?.total ?? (options.page > 1 ? ((await statements.count(tx, values))[0]?.n ?? 0) : 0);
  return { rows: rows.map(({ total: _, ...r }): Member => r), total };
}

/**
 * A query of characters that no other character lowercases to (Han, ASCII digits, punctuation
 * and space): there ILIKE, which lowercases every name, email and mobile it looks at and was most
 * of the search's PostgreSQL time, finds exactly what LIKE finds.
 */
const CASELESS = /^[\p{Script=Han}\x20-\x40\x5B-\x60\x7B-\x7E]+$/u;

/** The members list's page (with the count of all it lists) and count, built once per kind of search. */
function memberStatements(search: 'none' | 'ilike' | 'like') {
  const pattern = sql.placeholder('pattern');
  const contains = search === 'like' ? like : ilike;
  const where = () =>
    and(eq(users.tenantId, sql.placeholder('tenantId')), search !== 'none' ? or(contains(users.name, pattern), contains(users.email, pattern), contains(users.mobile, pattern)) : undefined);
  // The subquery names the city itself (not the outer row's), so Citus routes it to the city's shard.
  // PostgreSQL evaluates it (and the window's count) for the page's rows only, after the sort and limit.
  const roles = sql<string[]>`array(select ${userRoles.role}::text from ${userRoles} where ${userRoles.tenantId} = ${sql.placeholder('tenantId')} and ${userRoles.userId} = ${users.id} order by ${userRoles.role})::text[]`;
  return {
    count: selectBuiltOnce((tx) => tx.select({ n: count() }).from(users).where(where())),
    page: selectBuiltOnce((tx) =>
      tx
        .select({ ...memberColumns, roles, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(users)
        .where(where())
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    ),
  };
}
const allStatements = memberStatements('none');
const searchStatements = memberStatements('ilike');
const caselessSearchStatements = memberStatements('like');

/** A user of this city, or null (a user of another city is null too). */
export async function findMember(tx: Tx, tenantId: string, userId: string, lock = false): Promise<Member | null> {
  const query = tx.select(memberColumns).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) return null;
  return { ...row, roles: (await rolesOf(tx, tenantId, [row.id])).get(row.id) ?? [] };
}

export type RolesChange = {
  /** The roles the member should hold, among `manageable`. */
  roles: readonly string[];
  /** Roles this installation knows; a stored role outside them (of a removed plugin) is left alone. */
  manageable: readonly string[];
  actorUserId: string;
  address: string | null;
};

export type RolesResult =
  | { ok: true; member: Member; granted: string[]; revoked: string[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'own_admin'; member: Member };

/**
 * Grants and revokes so the member holds exactly `roles`, one audit entry per
 * change. An admin may not take away their own city_admin role: a city must
 * never lock itself out by a slip of the finger.
 */
export async function setMemberRoles(tx: Tx, tenantId: string, userId: string, change: RolesChange): Promise<RolesResult> {
  // The row lock makes two admins editing one member take turns, so each audit entry is a real change.
  const member = await findMember(tx, tenantId, userId, true);
  if (!member) return { ok: false, reason: 'not_found' };
  const wanted = new Set(change.roles);
  if (userId === change.actorUserId && member.roles.includes('city_admin') && !wanted.has('city_admin')) {
    return { ok: false, reason: 'own_admin', member };
  }
  const granted = [...wanted].filter((r) => !member.roles.includes(r));
  const revoked = member.roles.filter((r) => change.manageable.includes(r) && !wanted.has(r));
  const audit = { actor: `user:${change.actorUserId}`, target: `user:${userId}`, address: change.address };
  for (const role of granted) {
    await grantRole(tx, tenantId, userId, role);
    await recordAudit(tx, tenantId, { ...audit, action: 'role.granted', detail: { role } });
  }
  for (const role of revoked) {
    await revokeRole(tx, tenantId, userId, role);
    await recordAudit(tx, tenantId, { ...audit, action: 'role.revoked', detail: { role } });
  }
  const roles = [...member.roles.filter((r) => !revoked.includes(r)), ...granted].sort();
  return { ok: true, member: { ...member, roles }, granted, revoked };
}
