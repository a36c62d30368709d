import { Hono } from 'hono';
import { inCity } from '../http/handler-kit.ts';
import type { AppEnv } from '../http/env.ts';
import { messagesFor } from '../../views/context.ts';
import { dailyHeads, lastSeq, publicTransfers, publicTransfersNumbered, publicTransfersOfAccount } from './public-chain.ts';
import { MAX_LISTED_NUMBERS } from './public-links.ts';
import { PublicLedgerPage } from './public-page.tsx';
import { publicLedgerMessages } from './public-messages.ts';
import type { LocalizedText } from '../db/schema/tenancy.ts';

/** Rows a page shows; a link to transfer N shows it with a few before it for context. */
const SHOWN = 20;
const BEFORE_LINKED = 5;
const HEADS_SHOWN = 14;

const seqFrom = (value: string | undefined): number | null => (value && /^\d{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null);
const numbersFrom = (value: string | undefined): number[] | null => {
  if (!value || !/^\d{1,15}(,\d{1,15})*$/.test(value)) return null;
  const seqs = [...new Set(value.split(',').map(Number))].filter((n) => n > 0);
  return seqs.length > 0 && seqs.length <= MAX_LISTED_NUMBERS ? seqs : null;
};
const refFrom = (value: string | undefined): string | null => (value && /^[0-9a-f]{20}$/.test(value) ? value : null);

/** /ledger (units plugins declared shown with their labels): the city's public chain for anyone, without signing in; `?at=N` marks transfer N, `?from=N` pages, `?n=1,5,9` lists transfers by number, `?account=<ref>` lists one account's transfers. */
export function publicLedgerRoutes(unitLabels: Readonly<Record<string, LocalizedText>> = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/ledger', async (c) => {
    const at = seqFrom(c.req.query('at'));
    const start = seqFrom(c.req.query('from'));
    const account = refFrom(c.req.query('account'));
    const numbers = numbersFrom(c.req.query('n'));
    const props = await inCity(c, async (tx, tenantId) => {
      const last = await lastSeq(tx, tenantId);
      const heads = await dailyHeads(tx, tenantId, HEADS_SHOWN);
      const filtered = { at: null, lastSeq: last, earlier: null, later: null, heads };
      if (account) return { ...filtered, transfers: await publicTransfersOfAccount(tx, tenantId, account, SHOWN * 5), account, numbered: false };
      if (numbers) return { ...filtered, transfers: await publicTransfersNumbered(tx, tenantId, numbers), account: null, numbered: true };
      const from = Math.max(1, at !== null ? Math.min(at, last) - BEFORE_LINKED : (start ?? last - SHOWN + 1));
      const transfers = await publicTransfers(tx, tenantId, from, SHOWN);
      const end = from + transfers.length - 1;
      return {
        transfers,
        at,
        account: null,
        numbered: false,
        lastSeq: last,
        earlier: from > 1 ? Math.max(1, from - SHOWN) : null,
        later: end < last ? end + 1 : null,
        heads,
      };
    });
    return c.render(<PublicLedgerPage {...props} unitLabels={unitLabels} />, { title: messagesFor(c, publicLedgerMessages).title });
  });
  return app;
}
