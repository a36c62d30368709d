import { SQL, type Query } from 'drizzle-orm';
import { rowsOf, type Tx } from '../db/database.ts';
import type { Transfer } from './schema.ts';

/**
 * The statement a posting sends: `ledger_post` (migrations/0042_ledger_post_function.sql, latest 0048), its text
 * written once (one prepared statement a connection; only the parameters change). Building statements
 * with drizzle's query builder on every posting cost more Node CPU than the rest of the posting.
 */

/** A statement whose text is already built: drizzle hands it to the driver as it is (same path, errors and transaction as `tx.execute(sql...)`). */
class Statement extends SQL {
  constructor(
    private readonly text: string,
    private readonly values: unknown[],
  ) {
    super([]);
  }
  override toQuery(): Query {
    return { sql: this.text, params: this.values };
  }
}

/** One row a request (in order), or one row with `error` set when the ledger refused the posting. */
export type PostedRow = {
  error: string | null;
  message: string | null;
  tenantId: string;
  id: string;
  seq: string | number;
  unit: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: string | number;
  idempotencyKey: string;
  kind: string;
  memo: unknown;
  reversesId: string | null;
  postedAtMs: number;
  prevHash: string;
  hash: string;
  hashVersion: string | number;
  privateDigest: string | null;
};

// posted_at comes back as epoch milliseconds: both drivers return a float8 as a number (a timestamp's text differs between them).
export const POST_STATEMENT = `select * from ledger_post($1::uuid, $2::jsonb, $3::text[])`;

/** Posts the requests (JSON, see post.ts) in one round trip; `units` null: any unit. */
export async function callLedgerPost(tx: Tx, tenantId: string, requestsJson: string, units: string[] | null): Promise<PostedRow[]> {
  return rowsOf<PostedRow>(await tx.execute(new Statement(POST_STATEMENT, [tenantId, requestsJson, units])));
}

/** A transfer as either driver returns it (numbers may come as text, the time as epoch milliseconds). */
export function toTransfer(r: Omit<PostedRow, 'error' | 'message'>): Transfer {
  return {
    tenantId: r.tenantId,
    id: r.id,
    seq: Number(r.seq),
    unit: r.unit,
    debitAccountId: r.debitAccountId,
    creditAccountId: r.creditAccountId,
    amount: Number(r.amount),
    idempotencyKey: r.idempotencyKey,
    kind: r.kind,
    memo: (typeof r.memo === 'string' ? JSON.parse(r.memo) : r.memo) as Transfer['memo'],
    reversesId: r.reversesId,
    postedAt: new Date(r.postedAtMs),
    prevHash: r.prevHash,
    hash: r.hash,
    hashVersion: Number(r.hashVersion),
    privateDigest: r.privateDigest,
  };
}
