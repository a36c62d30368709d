import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { findAccount } from '../../ledger/accounts.ts';
import { ledgerAccounts } from '../../ledger/schema.ts';
import { accountStatement } from '../../ledger/statement.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../../volunteering/records/verification.ts';
import { afterCursor, PageQuery, pageFrom, pageOf } from '../pagination.ts';
import { ApiProblem, commonProblems, notFound } from '../problem.ts';
import { users } from '../../db/schema/identity.ts';
import { apiRoute, keyed } from '../route.ts';
import { after, idParam, json, notFoundResponse } from './shared.ts';

/** Ledger balances of the city's accounts, and a volunteer's statement in one unit. */
const Unit = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/).openapi({ example: SERVICE_MINUTES, description: 'A ledger unit: SERVICE_MINUTE, TIME_CREDIT, CNY_FEN, ...' });

const Balance = z
  .object({ accountId: z.guid(), unit: z.string(), code: z.string().openapi({ description: 'e.g. `volunteer:<user id>`, `city:service-issuance`' }), balance: z.number().int() })
  .openapi('Balance');

const StatementLine = z
  .object({
    transferId: z.guid(),
    seq: z.number().int().openapi({ description: 'The transfer’s place in the city’s hash chain' }),
    postedAt: z.iso.datetime(),
    kind: z.string(),
    amount: z.number().int().openapi({ description: 'Signed: into the account positive' }),
    balance: z.number().int().openapi({ description: 'The account’s balance after this line' }),
  })
  .openapi('StatementLine');

const Statement = z
  .object({ unit: z.string(), balance: z.number().int(), lines: z.array(StatementLine), next: z.string().nullable() })
  .openapi('Statement');

const scope = keyed('ledger:read');
const offsetCursor = (cursor: string | undefined): number => {
  if (!cursor) return 0;
  const offset = /^o:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))?.[1];
  if (offset === undefined) {
    throw new ApiProblem(400, 'bad-cursor', 'Bad cursor', 'The cursor is not one this API gave; pass the `next` of the previous page as it was.', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return Number(offset);
};

export const ledgerRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/ledger/balances', ...scope, tags: ['Ledger'], summary: 'Balances of the city’s ledger accounts, optionally in one unit',
      request: { query: PageQuery.extend({ unit: Unit.optional() }) },
      responses: { 200: { description: 'A page of balances', content: json(pageOf(Balance, 'BalancePage')) }, ...commonProblems },
    }),
    async (c) => {
      const { cursor, limit, unit } = c.req.valid('query');
      const start = afterCursor(cursor);
      const rows = await c.var.unit.run((tx) =>
        tx
          .select()
          .from(ledgerAccounts)
          .where(and(eq(ledgerAccounts.tenantId, c.var.tenant.id), unit ? eq(ledgerAccounts.unit, unit) : undefined, after(ledgerAccounts.id, start)))
          .orderBy(asc(ledgerAccounts.id))
          .limit(limit + 1),
      );
      return c.json(pageFrom(rows, limit, (a) => ({ accountId: a.id, unit: a.unit, code: a.code, balance: a.balance })), 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/ledger/volunteers/{userId}/statement', ...scope, tags: ['Ledger'], summary: 'A volunteer’s statement in one unit, newest first',
      request: { params: idParam('userId'), query: PageQuery.extend({ unit: Unit.default(SERVICE_MINUTES) }) },
      responses: { 200: { description: 'The statement (empty when the volunteer has no account in the unit)', content: json(Statement) }, ...notFoundResponse, ...commonProblems },
    }),
    async (c) => {
      const userId = (c.req.valid('param').userId as string).toLowerCase();
      const { cursor, limit, unit } = c.req.valid('query');
      const offset = offsetCursor(cursor);
      const tenantId = c.var.tenant.id;
      const { account, lines, total } = await c.var.unit.run(async (tx) => {
        const [person] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
        if (!person) throw notFound('person');
        const account = await findAccount(tx, tenantId, unit, volunteerAccountCode(userId));
        return { account, ...(await accountStatement(tx, tenantId, account ? [account.id] : [], { limit, offset })) };
      });
      const nextOffset = offset + lines.length;
      return c.json(
        {
          unit,
          balance: account?.balance ?? 0,
          lines: lines.map((l) => ({ transferId: l.transferId, seq: l.seq, postedAt: l.postedAt.toISOString(), kind: l.kind, amount: l.amount, balance: l.balance })),
          next: nextOffset < total ? Buffer.from(`o:${nextOffset}`).toString('base64url') : null,
        },
        200,
      );
    },
  ),
];
