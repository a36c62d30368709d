import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../core/db/database.ts';
import { newId } from '../core/db/ids.ts';
import { accountKind, privateDigest, transferHashV2 } from '../core/ledger/hash.ts';
import { postTransfer, postTransfers, postTransfersAlone, reverseTransfer, type Transfer, type TransferRequest } from '../core/ledger/post.ts';
import { verifyLedger } from '../core/ledger/verify.ts';
import { refusal, testAccount } from './support/ledger.ts';
import { startTestPlatform, type TestPlatform } from './support/platform.ts';

/**
 * What the database function `ledger_post` (migrations/0042) must do and refuse, through the posting
 * API the app calls: `postTransfers` in a tenant transaction and `postTransfersAlone` (its own
 * transaction, one round trip on PostgreSQL).
 */
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
const account = (city: string, code: string, allowNegative = false) => testAccount(p.db, city, code, allowNegative, MIN);
type Counts = { transfers: number; entries: number; balance: number };
/** The city's transfers and entries, and one account's balance. */
const counts = (city: string, accountId: string) =>
  p.db.tenant(city, async (tx) => {
    const [row] = rowsOf<{ transfers: string | number; entries: string | number; balance: string | number }>(
      await tx.execute(sql`select (select count(*) from ledger_transfers where tenant_id = ${city}) as transfers,
        (select count(*) from ledger_entries where tenant_id = ${city}) as entries,
        (select balance from ledger_accounts where tenant_id = ${city} and id = ${accountId}) as balance`),
    );
    return { transfers: Number(row!.transfers), entries: Number(row!.entries), balance: Number(row!.balance) } satisfies Counts;
  });

describe('ledger_post, the posting function', () => {
  it('links the chain with the very bytes the JavaScript hash gives, alone or in a transaction, reversals included', async () => {
    const person = newId();
    const issuing = await account(alpha, 'city:service-issuance', true);
    const volunteer = await account(alpha, `volunteer:${person}`);
    const memo = { record: 'r-1', 备注: '宋体 "quoted" \\ back', minutes: 90, late: false, none: null };
    const first = await postTransfersAlone(p.db, alpha, [{ debitAccountId: issuing.id, creditAccountId: volunteer.id, amount: 90, idempotencyKey: 'hash-1', kind: 'service.verified', memo }]);
    const second = await p.db.tenant(alpha, (tx) => reverseTransfer(tx, alpha, first[0]!.id, { idempotencyKey: 'hash-1-undo' }));
    const accounts = new Map([issuing, volunteer].map((a) => [a.id, a]));
    for (const t of [first[0]!, second]) {
      const debit = accounts.get(t.debitAccountId)!;
      const credit = accounts.get(t.creditAccountId)!;
      expect(t.hashVersion).toBe(2);
      expect(t.privateDigest).toBe(privateDigest(t));
      const recomputed = transferHashV2(alpha, t.prevHash, {
        seq: t.seq,
        postedAt: t.postedAt.toISOString(),
        unit: t.unit,
        amount: t.amount,
        kind: t.kind,
        debit: { kind: accountKind(debit.code), ref: debit.publicRef },
        credit: { kind: accountKind(credit.code), ref: credit.publicRef },
        reversesSeq: t.reversesId ? first[0]!.seq : null,
        privateDigest: t.privateDigest!,
      });
      expect(t.hash).toBe(recomputed);
    }
    expect(accountKind(volunteer.code)).toBe('volunteer');
    expect(second.prevHash).toBe(first[0]!.hash);
    expect(second.seq).toBe(first[0]!.seq + 1);
    const stored = await p.db.tenant(alpha, (tx) => tx.execute(sql`select hash, memo from ledger_transfers where tenant_id = ${alpha} and id = ${first[0]!.id}`));
    expect(rowsOf<{ hash: string }>(stored)[0]!.hash).toBe(first[0]!.hash);
    expect((await p.db.tenant(alpha, (tx) => verifyLedger(tx, alpha))).ok).toBe(true);
  });

  it('refuses a debit past the balance limit: nothing written, and the transaction goes on', async () => {
    const issuing = await account(alpha, 'limit:issuing', true);
    const wallet = await account(alpha, 'limit:wallet');
    const shop = await account(alpha, 'limit:shop');
    await postTransfersAlone(p.db, alpha, [{ debitAccountId: issuing.id, creditAccountId: wallet.id, amount: 50, idempotencyKey: 'limit-fund', kind: 'test' }]);
    const before = await counts(alpha, wallet.id);
    const spend = (amount: number, key: string): TransferRequest => ({ debitAccountId: wallet.id, creditAccountId: shop.id, amount, idempotencyKey: key, kind: 'test' });

    expect(await refusal(postTransfersAlone(p.db, alpha, [spend(51, 'limit-51')]))).toBe('insufficient_balance');
    // A batch is all or nothing: the first fits, the second passes the limit.
    expect(await refusal(postTransfersAlone(p.db, alpha, [spend(30, 'limit-30'), spend(30, 'limit-30b')]))).toBe('insufficient_balance');
    expect(await counts(alpha, wallet.id)).toEqual(before);

    // In a unit of work the refusal is an answer: the flow may catch it and carry on in the same transaction.
    const after = await p.db.tenant(alpha, async (tx) => {
      const refused = await refusal(postTransfer(tx, alpha, spend(60, 'limit-60')));
      const posted = await postTransfer(tx, alpha, spend(50, 'limit-50'));
      return { refused, posted };
    });
    expect(after.refused).toBe('insufficient_balance');
    expect(after.posted.amount).toBe(50);
    expect(await counts(alpha, wallet.id)).toEqual({ transfers: before.transfers + 1, entries: before.entries + 2, balance: 0 });
    expect((await p.db.tenant(alpha, (tx) => verifyLedger(tx, alpha))).ok).toBe(true);
  });

  it('answers a repeated idempotency key with the first transfer and posts nothing more', async () => {
    const issuing = await account(alpha, 'again:issuing', true);
    const volunteer = await account(alpha, 'again:volunteer');
    const request: TransferRequest = { debitAccountId: issuing.id, creditAccountId: volunteer.id, amount: 45, idempotencyKey: 'again-1', kind: 'service.verified', memo: { record: 'again' } };
    const [first] = await postTransfersAlone(p.db, alpha, [request]);
    const before = await counts(alpha, volunteer.id);
    const [retried] = await postTransfersAlone(p.db, alpha, [request]);
    const inTx = await p.db.tenant(alpha, (tx) => postTransfers(tx, alpha, [request, request]));
    const same = (t: Transfer) => ({ id: t.id, seq: t.seq, hash: t.hash, amount: t.amount, postedAt: t.postedAt.getTime() });
    expect(same(retried!)).toEqual(same(first!));
    expect(inTx.map(same)).toEqual([same(first!), same(first!)]);
    expect(await counts(alpha, volunteer.id)).toEqual(before);

    // A key used twice in one new batch: the second is the first's transfer.
    const pair = await postTransfersAlone(p.db, alpha, [{ ...request, idempotencyKey: 'again-2' }, { ...request, idempotencyKey: 'again-2' }]);
    expect(pair[1]!.id).toBe(pair[0]!.id);
    expect((await counts(alpha, volunteer.id)).transfers).toBe(before.transfers + 1);

    // The same key for a different transfer is refused, and nothing is written.
    expect(await refusal(postTransfersAlone(p.db, alpha, [{ ...request, amount: 46 }]))).toBe('idempotency_conflict');
    expect((await counts(alpha, volunteer.id)).transfers).toBe(before.transfers + 1);
  });

  it("refuses to post for a city other than the transaction's, and another city's accounts", async () => {
    const alphaIssuing = await account(alpha, 'city:issuing', true);
    const alphaVolunteer = await account(alpha, 'tenant:volunteer');
    const betaIssuing = await account(beta, 'city:issuing', true);
    const betaVolunteer = await account(beta, 'tenant:volunteer');
    const alphaBefore = await counts(alpha, alphaVolunteer.id);
    const betaBefore = await counts(beta, betaVolunteer.id);

    // The posting names beta inside alpha's transaction: the function refuses before it touches a row.
    const crossed = await p.db
      .tenant(alpha, (tx) => postTransfers(tx, beta, [{ debitAccountId: betaIssuing.id, creditAccountId: betaVolunteer.id, amount: 5, idempotencyKey: 'cross-1', kind: 'test' }]))
      .then(() => 'posted', (e: unknown) => String((e as { cause?: unknown }).cause ?? e));
    expect(crossed).toMatch(/not the city of this transaction/);
    // Beta's accounts posted as alpha: row-level security hides them, so they are unknown here.
    expect(await refusal(postTransfersAlone(p.db, alpha, [{ debitAccountId: betaIssuing.id, creditAccountId: betaVolunteer.id, amount: 5, idempotencyKey: 'cross-2', kind: 'test' }]))).toBe('unknown_account');
    expect(await refusal(postTransfersAlone(p.db, alpha, [{ debitAccountId: alphaIssuing.id, creditAccountId: betaVolunteer.id, amount: 5, idempotencyKey: 'cross-3', kind: 'test' }]))).toBe('unknown_account');
    expect(await counts(alpha, alphaVolunteer.id)).toEqual(alphaBefore);
    expect(await counts(beta, betaVolunteer.id)).toEqual(betaBefore);
  });
});
