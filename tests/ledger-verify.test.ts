import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../core/ledger/accounts.ts';
import { postTransfer } from '../core/ledger/post.ts';
import { verifyLedger } from '../core/ledger/verify.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/** verifyLedger finds an entry that belongs to no side of its transfer, even with balances made to agree. */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('ledger verification of entries', () => {
  it('reports a transfer with a third entry', async () => {
    const alpha = p.cities.alpha!.id;
    const { transfer, third } = await p.db.tenant(alpha, async (tx) => {
      const from = await ensureAccount(tx, alpha, { unit: 'SERVICE_MINUTE', code: 'v:issuing', allowNegative: true });
      const to = await ensureAccount(tx, alpha, { unit: 'SERVICE_MINUTE', code: 'v:to' });
      const third = await ensureAccount(tx, alpha, { unit: 'SERVICE_MINUTE', code: 'v:third' });
      for (let i = 0; i < 3; i++) await postTransfer(tx, alpha, { debitAccountId: from.id, creditAccountId: to.id, amount: 10, idempotencyKey: `v-${i}`, kind: 'test' });
      const transfer = await postTransfer(tx, alpha, { debitAccountId: from.id, creditAccountId: to.id, amount: 5, idempotencyKey: 'v-last', kind: 'test' });
      return { transfer, third };
    });
    expect((await p.db.tenant(alpha, (tx) => verifyLedger(tx, alpha))).ok).toBe(true);
    // Someone with the owner's rights adds an entry and moves the balance to match it.
    await p.db.platform(async (tx) => {
      await tx.execute(sql`insert into ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after) values (${alpha}, ${transfer.id}, ${third.id}, 0, 0)`);
    });
    const result = await p.db.tenant(alpha, (tx) => verifyLedger(tx, alpha));
    expect(result).toMatchObject({ ok: false, transferId: transfer.id });
  });

  it('reports an account whose balance its entries do not add up to, and passes again once it does', async () => {
    const beta = p.cities.beta!.id;
    const account = await p.db.tenant(beta, async (tx) => {
      const from = await ensureAccount(tx, beta, { unit: 'SERVICE_MINUTE', code: 'b:issuing', allowNegative: true });
      const to = await ensureAccount(tx, beta, { unit: 'SERVICE_MINUTE', code: 'b:to' });
      await postTransfer(tx, beta, { debitAccountId: from.id, creditAccountId: to.id, amount: 30, idempotencyKey: 'b-1', kind: 'test' });
      return to;
    });
    const moveBalance = (by: number) => p.db.platform((tx) => tx.execute(sql`update ledger_accounts set balance = balance + ${by} where tenant_id = ${beta} and id = ${account.id}`));
    await moveBalance(7);
    const result = await p.db.tenant(beta, (tx) => verifyLedger(tx, beta));
    expect(result).toMatchObject({ ok: false, problem: 'account SERVICE_MINUTE/b:to shows 37 but its entries add up to 30' });
    await moveBalance(-7);
    expect((await p.db.tenant(beta, (tx) => verifyLedger(tx, beta))).ok).toBe(true);
  });
});
