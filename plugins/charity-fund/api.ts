import { createRoute, z } from '@hono/zod-openapi';
import { afterCursor, apiNotFound, apiScope, commonProblems, PageQuery, pageFrom, pageOf, pluginApiRoute, pluginContext, problemContent, type PluginApi } from '../../core/plugin-api.ts';
import { findFund, fundsAfter, fundTotals, type Fund, type FundTotals } from './funds.ts';

/**
 * The charity fund's resources in the city's API (`/api/v1/p/charity-fund/`): each
 * fund with what it raised, spent and holds, in fen, as its public disclosure page shows.
 */
const FundSummary = z
  .object({
    id: z.guid(),
    name: z.string(),
    community: z.string(),
    hostCharity: z.string(),
    purpose: z.string(),
    targetFen: z.number().int(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    raisedFen: z.number().int().openapi({ description: 'Donations received, in fen' }),
    spentFen: z.number().int().openapi({ description: 'Grants and expenses paid, in fen' }),
    balanceFen: z.number().int(),
    ledgerAccountId: z.guid().openapi({ description: 'The fund’s CNY_FEN ledger account: its movements are in the city’s public chain' }),
  })
  .openapi('CharityFundSummary');

const show = ({ fund, totals }: { fund: Fund; totals: FundTotals }): z.infer<typeof FundSummary> => ({
  id: fund.id, name: fund.name, community: fund.community, hostCharity: fund.hostCharity, purpose: fund.purpose, targetFen: fund.targetFen,
  startsOn: fund.startsOn, endsOn: fund.endsOn, raisedFen: totals.raised, spentFen: totals.spent, balanceFen: totals.balance, ledgerAccountId: fund.accountId,
});

const scope = apiScope('charity-fund:read');

export const charityFundApi: PluginApi = {
  scopes: { 'charity-fund:read': { 'zh-CN': '读取慈善基金及其收支汇总', en: 'Read charity funds and their totals' } },
  routes: [
    pluginApiRoute(
      createRoute({
        method: 'get', path: '/funds', ...scope, tags: ['Charity fund'], summary: 'The city’s charity funds with what each raised, spent and holds',
        request: { query: PageQuery },
        responses: { 200: { description: 'A page of funds', content: { 'application/json': { schema: pageOf(FundSummary, 'CharityFundPage') } } }, ...commonProblems },
      }),
      async (c) => {
        const { cursor, limit } = c.req.valid('query');
        const start = afterCursor(cursor);
        const rows = await pluginContext(c).work(async (w) => {
          const funds = await fundsAfter(w, start, limit);
          const withTotals = [];
          for (const fund of funds) withTotals.push({ id: fund.id, fund, totals: await fundTotals(w, fund) });
          return withTotals;
        });
        return c.json(pageFrom(rows, limit, show), 200);
      },
    ),
    pluginApiRoute(
      createRoute({
        method: 'get', path: '/funds/{id}', ...scope, tags: ['Charity fund'], summary: 'One charity fund with its totals',
        request: { params: z.object({ id: z.guid().openapi({ param: { name: 'id', in: 'path' } }) }) },
        responses: { 200: { description: 'The fund', content: { 'application/json': { schema: FundSummary } } }, 404: { description: 'No such fund in this city', content: problemContent }, ...commonProblems },
      }),
      async (c) => {
        const id = c.req.valid('param').id.toLowerCase();
        const found = await pluginContext(c).work(async (w) => {
          const fund = await findFund(w, id);
          return fund && { fund, totals: await fundTotals(w, fund) };
        });
        if (!found) throw apiNotFound('fund');
        return c.json(show(found), 200);
      },
    ),
  ],
};
