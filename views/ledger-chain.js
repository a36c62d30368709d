/**
 * A city's public ledger chain: the v2 transfer hash and the check of the
 * published chain. Plain JavaScript with no imports, so the very same file is
 * what the server posts with, what the browser page runs and what the CLI runs.
 * The README documents the algorithm; this file is its reference.
 */

/** The previous hash of a city's first transfer. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The text whose SHA-256 (UTF-8 bytes, lowercase hex) is a v2 transfer hash: a
 * JSON array in this fixed order, no whitespace. Every element is an ASCII string,
 * a safe integer or null, so `JSON.stringify` gives the same text in any
 * language's canonical JSON (RFC 8785).
 */
export function v2Preimage(cityId, prevHash, t) {
  return JSON.stringify([
    'vc-ledger/2',
    cityId,
    prevHash,
    t.seq,
    t.postedAt,
    t.unit,
    t.amount,
    t.kind,
    t.debit.kind,
    t.debit.ref,
    t.credit.kind,
    t.credit.ref,
    t.reversesSeq,
    t.privateDigest,
  ]);
}

/** SHA-256 as lowercase hex with Web Crypto (browsers, and Node 20's global `crypto`). */
export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks a city's published chain page by page, from transfer 1. Each transfer
 * must follow the one before (number and previous hash); a v2 transfer's hash is
 * recomputed from its public fields; a v1 transfer (posted before v2) can only be
 * checked for its place in the chain, which later v2 hashes pin down. `knownHeads`
 * are heads someone kept (a transfer number and its hash): each must still match.
 * Stops at the first problem: `missing`, `link`, `hash` or `head`.
 */
export async function checkPublicChain({ fetchPage, onProgress, knownHeads = [] }) {
  const kept = new Map(knownHeads.map((h) => [h.seq, h.hash]));
  const done = { verifiedUpTo: 0, recomputedFrom: null, linkedOnly: 0, headHash: GENESIS_HASH, headsMatched: 0 };
  const failed = (seq, problem) => ({ ok: false, seq, problem, ...done });
  if (kept.has(0) && kept.get(0) !== GENESIS_HASH) return failed(0, 'head');
  if (kept.has(0)) done.headsMatched += 1;
  let cursor = null;
  do {
    const page = await fetchPage(cursor);
    for (const t of page.items) {
      const seq = done.verifiedUpTo + 1;
      if (t.seq !== seq) return failed(seq, 'missing');
      if (t.prevHash !== done.headHash) return failed(seq, 'link');
      if (t.hashVersion === 2) {
        if ((await sha256Hex(v2Preimage(page.city, t.prevHash, t))) !== t.hash) return failed(seq, 'hash');
        done.recomputedFrom ??= seq;
      } else {
        if (!HEX64.test(t.hash)) return failed(seq, 'hash');
        done.linkedOnly += 1;
      }
      if (kept.has(seq)) {
        if (kept.get(seq) !== t.hash) return failed(seq, 'head');
        done.headsMatched += 1;
      }
      done.verifiedUpTo = seq;
      done.headHash = t.hash;
    }
    cursor = page.next;
    if (onProgress) onProgress({ ...done });
  } while (cursor);
  const beyond = [...kept.keys()].find((seq) => seq > done.verifiedUpTo);
  if (beyond !== undefined) return failed(beyond, 'missing');
  return { ok: true, ...done };
}
