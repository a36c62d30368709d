import { createRoute, z } from '@hono/zod-openapi';
import { dailyHeads, publicTransfers } from '../../ledger/public-chain.ts';
import { ApiProblem, problemContent } from '../problem.ts';
import { apiRoute } from '../route.ts';
import { json } from './shared.ts';

/**
 * The city's hash chain for anyone, with no key: what is needed to recompute every
 * v2 hash (views/ledger-chain.js, the README's "Public ledger") and no personal data.
 */
const Hash = z.string().regex(/^[0-9a-f]{64}$/).openapi({ description: 'SHA-256, lowercase hex' });
const Account = z.object({
  kind: z.string().openapi({ example: 'volunteer', description: 'What the account is (its code without ids): `volunteer`, `city:service-issuance`, `charity-fund:fund`, ...' }),
  ref: z.string().openapi({ example: '3f9c0a1b2c3d4e5f6a7b', description: 'The account’s per-city pseudonym; its holder sees it on their certificate or statement' }),
});

const PublicTransfer = z
  .object({
    seq: z.number().int().min(1).openapi({ description: 'Transfer number: its place in the city’s chain' }),
    postedAt: z.iso.datetime().openapi({ description: 'UTC, milliseconds, as hashed' }),
    unit: z.string(),
    amount: z.number().int().min(1).openapi({ description: 'In the unit: minutes, time credits, fen' }),
    kind: z.string().openapi({ example: 'service.verified' }),
    debit: Account,
    credit: Account,
    reversesSeq: z.number().int().nullable().openapi({ description: 'The number of the transfer this one reverses' }),
    privateDigest: Hash.nullable().openapi({ description: 'v2: SHA-256 of the private fields (ids, idempotency key, memo); null for v1' }),
    hashVersion: z.number().int().openapi({ description: '2: recomputable from this object; 1: posted before v2, only its place in the chain can be checked' }),
    prevHash: Hash,
    hash: Hash,
  })
  .openapi('PublicTransfer');

const City = z.guid().openapi({ description: 'The city’s id, the first field of every v2 hash' });

const PublicTransferPage = z
  .object({ city: City, items: z.array(PublicTransfer), next: z.string().nullable().openapi({ description: 'Cursor of the next page; null on the last' }) })
  .openapi('PublicTransferPage');

const DailyHead = z
  .object({ day: z.iso.date().openapi({ description: 'A day in China time' }), seq: z.number().int().min(0), hash: Hash.openapi({ description: 'The hash of transfer `seq`, the last of that day (64 zeros before the first)' }) })
  .openapi('DailyHead');

const DailyHeadPage = z.object({ city: City, items: z.array(DailyHead), next: z.string().nullable() }).openapi('DailyHeadPage');

const publicProblems = {
  400: { description: 'The request is malformed; `errors` lists each field', content: problemContent },
  429: { description: 'Too many requests from this address; see Retry-After', content: problemContent },
} as const;

const Query = z.object({
  cursor: z.string().max(100).optional().openapi({ description: 'The `next` of the previous page; omit for the first page' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Items per page, 1–500 (100)' }),
});

/** Cursors name a transfer number (`s:<n>`) or a day (`d:<yyyy-mm-dd>`): opaque to clients, checked here. */
function cursorValue(cursor: string | undefined, prefix: 's' | 'd'): string | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const pattern = prefix === 's' ? /^s:(\d{1,15})$/ : /^d:(\d{4}-\d{2}-\d{2})$/;
  const value = pattern.exec(text)?.[1];
  if (value === undefined) {
    throw new ApiProblem(400, 'bad-cursor', 'Bad cursor', 'The cursor is not one this API gave; pass the `next` of the previous page as it was.', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return value;
}
const cursorOf = (prefix: 's' | 'd', value: string | number) => Buffer.from(`${prefix}:${value}`).toString('base64url');

export const publicLedgerRoutes = [
  apiRoute(
    createRoute({
      method: 'get', path: '/ledger/public/transfers', tags: ['Public ledger'], summary: 'The city’s hash chain, in order, without personal data (no key needed)',
      request: { query: Query },
      responses: { 200: { description: 'A page of the chain', content: json(PublicTransferPage) }, ...publicProblems },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const from = Number(cursorValue(cursor, 's') ?? 1);
      const rows = await c.var.unit.run((tx) => publicTransfers(tx, c.var.tenant.id, from, limit + 1));
      const items = rows.slice(0, limit);
      return c.json({ city: c.var.tenant.id, items, next: rows.length > limit ? cursorOf('s', rows[limit]!.seq) : null }, 200);
    },
  ),
  apiRoute(
    createRoute({
      method: 'get', path: '/ledger/public/heads', tags: ['Public ledger'], summary: 'The city’s chain head at the end of each day, newest first (no key needed)',
      request: { query: Query },
      responses: { 200: { description: 'A page of daily heads', content: json(DailyHeadPage) }, ...publicProblems },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const before = cursorValue(cursor, 'd') ?? undefined;
      const rows = await c.var.unit.run((tx) => dailyHeads(tx, c.var.tenant.id, limit + 1, before));
      const items = rows.slice(0, limit);
      return c.json({ city: c.var.tenant.id, items, next: rows.length > limit ? cursorOf('d', items[items.length - 1]!.day) : null }, 200);
    },
  ),
];
