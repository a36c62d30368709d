/** Paths on a city's site to its public ledger page (core/ledger/public-routes.tsx). */

/** At most this many transfers are listed by number on one page. */
export const MAX_LISTED_NUMBERS = 200;

/** The page at one transfer, marked. */
export const ledgerPathAt = (seq: number) => `/ledger?at=${seq}#t-${seq}`;

/** The page listing these transfers (a figure that sums several), the latest ones when there are too many. */
export function ledgerPathOfNumbers(seqs: readonly number[]): string {
  const listed = [...new Set(seqs)].sort((a, b) => a - b).slice(-MAX_LISTED_NUMBERS);
  return `/ledger?n=${listed.join(',')}`;
}

/** One account's transfers, by its public reference. */
export const ledgerPathOfAccount = (ref: string) => `/ledger?account=${ref}`;
