import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../core/ledger/accounts.ts';
import { GENESIS_HASH } from '../core/ledger/hash.ts';
import { postTransfer } from '../core/ledger/post.ts';
import { accountMovements, ledgerHashAt } from '../core/ledger/reads.ts';
import { verifyLedger } from '../core/ledger/verify.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

let p: TestPlatform;
let alpha: string;
let beta: string;
beforeAll(async () => {
  p = await startTestPlatform();
  alpha = p.cities.alpha!.id;
  beta = p.cities.beta!.id;
});
afterAll(() => p.close());

const inCity = <T>(tenantId: string, work: Parameters<typeof p.db.tenant<T>>[1]) => p.db.tenant(tenantId, work);
const pause = () => new Promise((r) => setTimeout(r, 5));

describe('ledger reads for disclosure', () => {
  it('gives the chain head as it stood at an instant, per city, and what accounts took in and paid out in a period', async () => {
    const before = new Date();
    await pause();
    expect(await inCity(alpha, (tx) => ledgerHashAt(tx, alpha, before))).toEqual({ seq: 0, hash: GENESIS_HASH, postedAt: null });

    const [source, fund, sink] = await inCity(alpha, async (tx) => [
      await ensureAccount(tx, alpha, { unit: 'CNY_FEN', code: 'reads:source', allowNegative: true }),
      await ensureAccount(tx, alpha, { unit: 'CNY_FEN', code: 'reads:fund' }),
      await ensureAccount(tx, alpha, { unit: 'CNY_FEN', code: 'reads:sink' }),
    ]);
    const post = (debit: string, credit: string, amount: number, key: string) =>
      inCity(alpha, (tx) => postTransfer(tx, alpha, { debitAccountId: debit, creditAccountId: credit, amount, idempotencyKey: key, kind: 'test' }));
    const first = await post(source!.id, fund!.id, 1, 'reads-1');
    await pause();
    const between = new Date();
    await pause();
    const second = await post(source!.id, fund!.id, 999_999_999, 'reads-2');
    await pause();
    const third = await post(fund!.id, sink!.id, 500, 'reads-3');
    await pause();
    const after = new Date();

    const at = (instant: Date) => inCity(alpha, (tx) => ledgerHashAt(tx, alpha, instant));
    expect((await at(between)).hash).toBe(first.hash);
    expect((await at(between)).seq).toBe(first.seq);
    expect((await at(after)).hash).toBe(third.hash);
    expect((await at(new Date(third.postedAt.getTime()))).hash).toBe(second.hash); // strictly before the instant
    const check = await inCity(alpha, (tx) => verifyLedger(tx, alpha));
    expect(check.ok && check.headHash).toBe(third.hash);
    // Beta has posted nothing: alpha's transfers are not its chain.
    expect((await inCity(beta, (tx) => ledgerHashAt(tx, beta, after))).hash).toBe(GENESIS_HASH);

    const moves = (ids: string[], period?: { from?: Date; until?: Date }) => inCity(alpha, (tx) => accountMovements(tx, alpha, ids, period));
    expect(await moves([fund!.id])).toEqual({ credits: 1_000_000_000, debits: 500 });
    expect(await moves([fund!.id], { until: between })).toEqual({ credits: 1, debits: 0 });
    expect(await moves([fund!.id], { from: between })).toEqual({ credits: 999_999_999, debits: 500 });
    expect(await moves([fund!.id, sink!.id])).toEqual({ credits: 1_000_000_500, debits: 500 });
    expect(await moves([])).toEqual({ credits: 0, debits: 0 });
  });
});
