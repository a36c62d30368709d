/** Types of views/ledger-chain.js (plain JavaScript, so the browser runs the same file). */

export declare const GENESIS_HASH: string;

/** A transfer as the public ledger endpoint publishes it. */
export type PublicTransfer = {
  seq: number;
  postedAt: string;
  unit: string;
  amount: number;
  kind: string;
  debit: { kind: string; ref: string };
  credit: { kind: string; ref: string };
  reversesSeq: number | null;
  privateDigest: string | null;
  hashVersion: number;
  prevHash: string;
  hash: string;
};

export type PublicChainPage = { city: string; items: PublicTransfer[]; next: string | null };

export type ChainProgress = { verifiedUpTo: number; recomputedFrom: number | null; linkedOnly: number; headHash: string; headsMatched: number };

export type ChainCheck = (ChainProgress & { ok: true }) | (ChainProgress & { ok: false; seq: number; problem: 'missing' | 'link' | 'hash' | 'head' });

export declare function v2Preimage(cityId: string, prevHash: string, t: Omit<PublicTransfer, 'hashVersion' | 'prevHash' | 'hash'>): string;

export declare function sha256Hex(text: string): Promise<string>;

export declare function checkPublicChain(options: {
  fetchPage: (cursor: string | null) => Promise<PublicChainPage>;
  onProgress?: (progress: ChainProgress) => void;
  knownHeads?: readonly { seq: number; hash: string }[];
}): Promise<ChainCheck>;
