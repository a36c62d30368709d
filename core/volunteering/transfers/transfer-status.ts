import type { TransferOutStatus } from './schema.ts';

type Stored = { status: TransferOutStatus; codeExpiresAt: Date | null };

/** An approved transfer whose code lapsed unused reads as expired before the row says so. */
export const statusAt = (t: Stored, now: Date): TransferOutStatus =>
  t.status === 'approved' && t.codeExpiresAt !== null && t.codeExpiresAt <= now ? 'expired' : t.status;

/** Still under way: asked, or approved with a code that can still be accepted; the volunteer can withdraw it. */
export const isOpen = (t: Stored, now: Date) => {
  const status = statusAt(t, now);
  return status === 'requested' || status === 'approved';
};
