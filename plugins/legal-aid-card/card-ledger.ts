import type { CityWork } from '../../core/plugin-api.ts';

/**
 * Cards issued, on the city's ledger in their own unit: each batch (and each
 * replacement card) moves its count from the sponsors' donation account to the
 * city's issued cards, so the sponsor report's "cards issued" points to its
 * place in the public chain. Nothing of a holder goes with it.
 */
export const CARD_UNIT = 'LEGAL_AID_CARD';

const donatedAccount = (w: CityWork) => w.ledger.ensureAccount({ unit: CARD_UNIT, code: 'sponsors:donated', allowNegative: true });
const issuedAccount = (w: CityWork) => w.ledger.ensureAccount({ unit: CARD_UNIT, code: 'city:issued' });

/** Posts `count` cards issued for the batch (`cardId` set: one replacement card); returns the transfer's id. */
export async function postCardsIssued(w: CityWork, issue: { batchId: string; count: number; cardId?: string }): Promise<string> {
  const [from, to] = [await donatedAccount(w), await issuedAccount(w)];
  const transfer = await w.ledger.postTransfer({
    debitAccountId: from.id,
    creditAccountId: to.id,
    amount: issue.count,
    idempotencyKey: issue.cardId ? `legal-aid-card:replacement:${issue.cardId}` : `legal-aid-card:batch:${issue.batchId}`,
    kind: issue.cardId ? 'legal-aid-card.card_replaced' : 'legal-aid-card.batch_issued',
    memo: { batch: issue.batchId },
  });
  return transfer.id;
}
