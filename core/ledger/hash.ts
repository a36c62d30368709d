import { createHash } from 'node:crypto';

/** The hash before a city's first transfer. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  tenantId: string;
  id: string;
  seq: number;
  unit: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  idempotencyKey: string;
  kind: string;
  memo: Record<string, unknown>;
  reversesId: string | null;
  postedAt: Date;
};

/** Keys sorted at every level, so the same memo always hashes the same. */
function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(
    Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** SHA-256 over the previous hash and every field that gives the transfer its meaning. */
export function transferHash(prevHash: string, t: ChainedFields): string {
  const fields = [
    prevHash,
    t.tenantId,
    t.seq,
    t.id,
    t.unit,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.idempotencyKey,
    t.kind,
    canonical(t.memo),
    t.reversesId,
    t.postedAt.toISOString(),
  ];
  // SHA-256 of the UTF-8 bytes, lowercase hex: node's native hash, a fifth of the CPU of a JavaScript one.
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}
