import { checkPublicChain, type ChainCheck, type ChainProgress, type PublicChainPage } from '../../views/ledger-chain.js';

/** The public chain endpoint of the city whose site or ledger page this is (`https://city.example/ledger`, `http://localhost:3000/t/<slug>`). */
export function publicChainUrl(siteOrPage: string): URL {
  const url = new URL(siteOrPage);
  const base = url.pathname.replace(/\/ledger\/?$/, '').replace(/\/$/, '');
  return new URL(`${base}/api/v1/ledger/public/transfers`, url.origin);
}

/**
 * Checks a city's published chain from outside, as the browser page does and with
 * the same code (views/ledger-chain.js), fetching pages of 500 transfers.
 */
export function checkPublicLedger(
  siteOrPage: string,
  options: { fetch?: (url: string) => Promise<Response>; knownHeads?: { seq: number; hash: string }[]; onProgress?: (p: ChainProgress) => void } = {},
): Promise<ChainCheck> {
  const get = options.fetch ?? ((url: string) => fetch(url, { headers: { accept: 'application/json' } }));
  const endpoint = publicChainUrl(siteOrPage);
  return checkPublicChain({
    knownHeads: options.knownHeads,
    onProgress: options.onProgress,
    fetchPage: async (cursor) => {
      const url = new URL(endpoint);
      url.searchParams.set('limit', '500');
      if (cursor) url.searchParams.set('cursor', cursor);
      const res = await get(url.toString());
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return (await res.json()) as PublicChainPage;
    },
  });
}
