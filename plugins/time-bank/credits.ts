/**
 * Time credits on the ledger: unit `TIME_CREDIT`, amounts in hundredths of a
 * credit (1 credit = 100), so a multiplier of 150% on 20 minutes is exact
 * enough and nothing is ever a float.
 */
export const TIME_CREDIT = 'TIME_CREDIT';
export const CENTS = 100;

/** Ledger account codes within the unit. */
export const ACCOUNTS = {
  /** Every earned credit comes from here (it may go negative: minus the credits the city issued). */
  issuance: 'city:time-bank-issuance',
  /** Credits spent on the catalogue; a cancelled redemption is paid back from here. */
  redemptions: 'city:time-bank-redemptions',
  /** Credits that expired under the city's rules. */
  expired: 'city:time-bank-expired',
  member: (userId: string) => `member:${userId}`,
  /** What a member owes after a revocation took back more than their balance (never above zero). */
  shortfall: (userId: string) => `shortfall:${userId}`,
} as const;

/** 1250 → "12.5", 1200 → "12", -5 → "-0.05". */
export function formatCredits(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / CENTS);
  const cents = abs % CENTS;
  if (cents === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** "12", "12.5", "0.05" typed by a person → hundredths, or null (no more than two decimals, positive, at most 1,000,000). */
export function parseCredits(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]) * CENTS + Number((m[2] ?? '').padEnd(2, '0'));
  return value > 0 && value <= 1_000_000 * CENTS ? value : null;
}
