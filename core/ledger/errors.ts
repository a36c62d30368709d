export type LedgerErrorCode =
  | 'invalid_amount'
  | 'unknown_account'
  | 'unit_mismatch'
  | 'unit_not_declared'
  | 'same_account'
  | 'insufficient_balance'
  | 'idempotency_conflict'
  | 'already_reversed'
  | 'not_reversible';

/** A posting the ledger refused; nothing of it was written. */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
