/**
 * `npm run ledger:check-public -- <city site or ledger page URL> [--head <n>:<hash>]...`:
 * recomputes a city's published chain from outside, as its /ledger page does in a
 * browser, for chains too long for a browser. `--head` gives a chain head you kept
 * (from the daily heads); it must still match. Prints the result; exit 1 on a mismatch.
 */
import { parseArgs } from 'node:util';
import { checkPublicLedger } from './check-public.ts';

const USAGE = 'usage: npm run ledger:check-public -- <city site or ledger page URL> [--head <transfer number>:<hash>]...';
const { positionals, values } = parseArgs({ allowPositionals: true, options: { head: { type: 'string', multiple: true } } });
const heads = (values.head ?? []).map((h) => /^(\d+):([0-9a-f]{64})$/.exec(h));
if (positionals.length !== 1 || heads.some((h) => h === null)) {
  console.error(USAGE);
  process.exit(2);
}
const knownHeads = heads.map((h) => ({ seq: Number(h![1]), hash: h![2]! }));
let shown = 0;
const result = await checkPublicLedger(positionals[0]!, {
  knownHeads,
  onProgress: (p) => {
    if (p.verifiedUpTo - shown >= 10_000) console.error(`… ${(shown = p.verifiedUpTo)} transfers checked`);
  },
});
const recomputed = result.recomputedFrom === null ? 'none recomputed' : `${result.recomputedFrom}–${result.verifiedUpTo} recomputed`;
const summary = `${recomputed}, ${result.linkedOnly} v1 transfers checked for their place only, ${result.headsMatched} kept heads matched; chain head ${result.headHash}`;
if (result.ok) {
  console.log(`OK: verified up to transfer ${result.verifiedUpTo} (${summary})`);
} else {
  console.log(`MISMATCH at transfer ${result.seq} (${result.problem}): verified up to transfer ${result.verifiedUpTo} (${summary})`);
  process.exitCode = 1;
}
