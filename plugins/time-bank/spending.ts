import { type Transfer, type TransferRequest, type CityWork } from '../../core/plugin-api.ts';
import { memberAccount } from './accounts.ts';
import { addLots, consumeLots, expireLots } from './lots.ts';
import type { LotPieces } from './schema.ts';

export type Spent = { ok: true; transfer: Transfer; pieces: LotPieces } | { ok: false; reason: 'insufficient'; balance: number };

/**
 * Moves credits out of a member's account (to the city or another member) and
 * takes them from their lots. Expired credits are expired first, so they are
 * never spent; the ledger lock makes the balance check and the posting one
 * turn, and the ledger refuses an overdraft whatever happens.
 */
export async function spendCredits(
  w: CityWork,
  memberId: string,
  amount: number,
  to: { accountId: string } & Pick<TransferRequest, 'idempotencyKey' | 'kind' | 'memo'>,
  now: Date,
): Promise<Spent> {
  await w.ledger.lock();
  await expireLots(w, now, memberId);
  const account = await memberAccount(w, memberId);
  if (account.balance < amount) return { ok: false, reason: 'insufficient', balance: account.balance };
  const transfer = await w.ledger.postTransfer({
    debitAccountId: account.id,
    creditAccountId: to.accountId,
    amount,
    idempotencyKey: to.idempotencyKey,
    kind: to.kind,
    memo: to.memo,
  });
  const pieces = await consumeLots(w, memberId, amount);
  return { ok: true, transfer, pieces };
}

/** Credits from one member to another, keeping their expiry dates (a gift does not make credits younger). */
export async function moveCredits(
  w: CityWork,
  from: string,
  to: string,
  amount: number,
  posting: Pick<TransferRequest, 'idempotencyKey' | 'kind' | 'memo'> & { source: string; ref: string },
  now: Date,
): Promise<Spent> {
  await w.ledger.lock();
  const receiver = await memberAccount(w, to);
  const spent = await spendCredits(w, from, amount, { accountId: receiver.id, ...posting }, now);
  if (spent.ok) await addLots(w, to, spent.pieces, { source: posting.source, ref: posting.ref, now });
  return spent;
}
