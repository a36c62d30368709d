import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../core/db/database.ts';
import { postTransfer, postTransfers, reverseTransfer } from '../core/ledger/post.ts';
import { ledgerAccounts, ledgerTransfers } from '../core/ledger/schema.ts';
import { verifyLedger } from '../core/ledger/verify.ts';
import { rewriteLedger } from './support/ledger-rewrite.ts';
import { refusal, testAccount } from './support/ledger.ts';
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

const MIN = 'SERVICE_MINUTES';
const inAlpha = <T>(work: Parameters<typeof p.db.tenant<T>>[1]) => p.db.tenant(alpha, work);
const account = (code: string, allowNegative = false, unit = MIN) => testAccount(p.db, alpha, code, allowNegative, unit);
const balanceOf = async (id: string) =>
  (await inAlpha((tx) => tx.select().from(ledgerAccounts).where(sql`${ledgerAccounts.tenantId} = ${alpha} and ${ledgerAccounts.id} = ${id}`)))[0]!.balance;

describe('ledger postings', () => {
  it('moves an integer amount and keeps debits equal to credits', async () => {
    const issuing = await account('city:issuing', true);
    const volunteer = await account('volunteer:a');
    await inAlpha((tx) => postTransfer(tx, alpha, { debitAccountId: issuing.id, creditAccountId: volunteer.id, amount: 90, idempotencyKey: 'k1', kind: 'test' }));
    expect(await balanceOf(volunteer.id)).toBe(90);
    expect(await balanceOf(issuing.id)).toBe(-90);
    const [sum] = rowsOf<{ total: string }>(await inAlpha((tx) => tx.execute(sql`select coalesce(sum(amount), 0)::text as total from ledger_entries where tenant_id = ${alpha}`)));
    expect(sum!.total).toBe('0');
    expect((await inAlpha((tx) => verifyLedger(tx, alpha))).ok).toBe(true);
  });

  it('refuses bad amounts, mixed units, one account on both sides and accounts of another city', async () => {
    const a = await account('bad:a', true);
    const b = await account('bad:b');
    const credits = await account('bad:credits', false, 'TIME_CREDIT');
    const other = await testAccount(p.db, beta, 'beta:x');
    const post = (amount: number, to = b.id, from = a.id) =>
      refusal(inAlpha((tx) => postTransfer(tx, alpha, { debitAccountId: from, creditAccountId: to, amount, idempotencyKey: `bad-${Math.random()}`, kind: 'test' })));
    for (const amount of [0, -5, 1.5, Number.NaN, 2 ** 60]) expect(await post(amount)).toBe('invalid_amount');
    expect(await post(1, credits.id)).toBe('unit_mismatch');
    expect(await post(1, a.id)).toBe('same_account');
    expect(await post(1, other.id)).toBe('unknown_account');
    expect(await balanceOf(b.id)).toBe(0);
  });

  it('returns the first transfer when a key is retried, and refuses a key reused for something else', async () => {
    const from = await account('idem:from', true);
    const to = await account('idem:to');
    const request = { debitAccountId: from.id, creditAccountId: to.id, amount: 30, idempotencyKey: 'retry-me', kind: 'test', memo: { record: 'r-1', minutes: 30, late: false } };
    const first = await inAlpha((tx) => postTransfer(tx, alpha, request));
    const again = await inAlpha((tx) => postTransfer(tx, alpha, request));
    expect(again.id).toBe(first.id);
    // The retry returns the first transfer exactly as posted, and as the schema reads it (numbers, memo, Date).
    expect(again).toEqual(first);
    const [stored] = await inAlpha((tx) => tx.select().from(ledgerTransfers).where(sql`${ledgerTransfers.tenantId} = ${alpha} and ${ledgerTransfers.id} = ${first.id}`));
    expect(again).toEqual(stored);
    expect(await balanceOf(to.id)).toBe(30);
    expect(await refusal(inAlpha((tx) => postTransfer(tx, alpha, { ...request, amount: 31 })))).toBe('idempotency_conflict');
  });

  it('makes one transfer out of 20 concurrent requests with one idempotency key', async () => {
    const from = await account('race:from', true);
    const to = await account('race:to');
    const request = { debitAccountId: from.id, creditAccountId: to.id, amount: 7, idempotencyKey: 'same-key-20', kind: 'test' };
    const results = await Promise.all(Array.from({ length: 20 }, () => inAlpha((tx) => postTransfer(tx, alpha, request))));
    expect(new Set(results.map((t) => t.id)).size).toBe(1);
    expect(await balanceOf(to.id)).toBe(7);
    const rows = await inAlpha((tx) => tx.select().from(ledgerTransfers).where(sql`${ledgerTransfers.tenantId} = ${alpha} and ${ledgerTransfers.idempotencyKey} = 'same-key-20'`));
    expect(rows.length).toBe(1);
  });

  it('never breaks a balance limit under concurrent spending', async () => {
    const issuing = await account('spend:issuing', true);
    const wallet = await account('spend:wallet');
    const shop = await account('spend:shop');
    await inAlpha((tx) => postTransfer(tx, alpha, { debitAccountId: issuing.id, creditAccountId: wallet.id, amount: 100, idempotencyKey: 'fund', kind: 'test' }));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        refusal(inAlpha((tx) => postTransfer(tx, alpha, { debitAccountId: wallet.id, creditAccountId: shop.id, amount: 10, idempotencyKey: `spend-${i}`, kind: 'test' }))),
      ),
    );
    expect(outcomes.filter((o) => o === 'posted').length).toBe(10);
    expect(outcomes.filter((o) => o === 'insufficient_balance').length).toBe(10);
    expect(await balanceOf(wallet.id)).toBe(0);
    expect(await balanceOf(shop.id)).toBe(100);
  });

  it('posts a batch all or nothing', async () => {
    const issuing = await account('batch:issuing', true);
    const a = await account('batch:a');
    const b = await account('batch:b');
    const ok = await inAlpha((tx) =>
      postTransfers(tx, alpha, [
        { debitAccountId: issuing.id, creditAccountId: a.id, amount: 5, idempotencyKey: 'b1', kind: 'test' },
        { debitAccountId: a.id, creditAccountId: b.id, amount: 5, idempotencyKey: 'b2', kind: 'test' },
      ]),
    );
    expect(ok.length).toBe(2);
    const failed = await refusal(
      inAlpha((tx) =>
        postTransfers(tx, alpha, [
          { debitAccountId: issuing.id, creditAccountId: a.id, amount: 5, idempotencyKey: 'b3', kind: 'test' },
          { debitAccountId: a.id, creditAccountId: b.id, amount: 6, idempotencyKey: 'b4', kind: 'test' },
        ]),
      ),
    );
    expect(failed).toBe('insufficient_balance');
    expect(await balanceOf(a.id)).toBe(0);
    expect(await balanceOf(b.id)).toBe(5);
  });

  it('corrects by a reversing transfer, once', async () => {
    const issuing = await account('rev:issuing', true);
    const v = await account('rev:v');
    const t = await inAlpha((tx) => postTransfer(tx, alpha, { debitAccountId: issuing.id, creditAccountId: v.id, amount: 60, idempotencyKey: 'rev-1', kind: 'service.verified' }));
    const reversal = await inAlpha((tx) => reverseTransfer(tx, alpha, t.id, { idempotencyKey: 'rev-1-undo' }));
    expect(reversal.reversesId).toBe(t.id);
    expect(reversal.kind).toBe('service.verified.reversed');
    expect(await balanceOf(v.id)).toBe(0);
    expect((await inAlpha((tx) => reverseTransfer(tx, alpha, t.id, { idempotencyKey: 'rev-1-undo' }))).id).toBe(reversal.id);
    expect(await refusal(inAlpha((tx) => reverseTransfer(tx, alpha, t.id, { idempotencyKey: 'rev-1-again' })))).toBe('already_reversed');
  });

  it('refuses UPDATE and DELETE of transfers and entries', async () => {
    for (const statement of [sql`update ledger_transfers set amount = 1`, sql`delete from ledger_entries`]) {
      await expect(inAlpha((tx) => tx.execute(statement))).rejects.toThrow();
      await expect(p.db.platform((tx) => tx.execute(statement))).rejects.toThrow();
    }
  });
});

describe('ledger verification', () => {
  it('finds a transfer changed directly in the database, and a balance that does not match its entries', async () => {
    expect((await inAlpha((tx) => verifyLedger(tx, alpha))).ok).toBe(true);
    const [victim] = await inAlpha((tx) => tx.select().from(ledgerTransfers).where(sql`${ledgerTransfers.tenantId} = ${alpha} and ${ledgerTransfers.idempotencyKey} = 'fund'`));
    // What someone with the owner's rights could do: bypass the trigger and rewrite history.
    await rewriteLedger(p.db, (tx) => tx.execute(sql`update ledger_transfers set amount = 1000 where id = ${victim!.id}`));
    const result = await inAlpha((tx) => verifyLedger(tx, alpha));
    expect(result).toMatchObject({ ok: false, transferId: victim!.id, seq: victim!.seq });
    expect(result.ok === false && result.problem).toContain('changed after posting');

    const betaAccount = await testAccount(p.db, beta, 'tampered');
    await p.db.platform((tx) => tx.execute(sql`update ledger_accounts set balance = 5 where id = ${betaAccount.id}`));
    const betaResult = await p.db.tenant(beta, (tx) => verifyLedger(tx, beta));
    expect(betaResult.ok === false && betaResult.problem).toContain('tampered');
  });
});
