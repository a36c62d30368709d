/**
 * `npx tsx bench/seed-plugins.ts [--url ...] [--slug bench-001]`
 *
 * Adds to a city `seed:scale` made what the plugins' busiest pages need (see
 * "Pages" in bench/README.md): the city admin enables the four plugins as the
 * admin page does (`setPluginEnablement`), the plugins' own demo seeds run in the
 * city as a first start runs them, and then, through the plugins' services, a
 * lawyer with a queue of waiting questions, a child director with a caseload of
 * children and their visits, donations to the city's fund and a card for the
 * benchmark volunteer. Every part is skipped when it is there already, so the
 * script can run again on a seeded database without adding anything twice.
 */
import { and, count, eq } from 'drizzle-orm';
import { openDatabase, type Tx } from '../core/db/database.ts';
import { type CityWork, toLocalDateInput } from '../core/plugin-api.ts';
import { contextInTransaction, pluginCity } from '../core/plugins/context.ts';
import { setPluginEnablement } from '../core/plugins/enablement.ts';
import { createPluginRegistry } from '../core/plugins/registry.ts';
import { createUser, findUserByLogin, grantRole } from '../core/identity/users.ts';
import { findTenantBySlug } from '../core/tenancy/service.ts';
import { plugins } from '../plugins/index.ts';
import { recordStationCash } from '../plugins/charity-fund/donations.ts';
import { charityDonations, charityFunds, charityStations } from '../plugins/charity-fund/schema.ts';
import { MAY_SUPERVISE, MAY_VISIT } from '../plugins/child-care-visits/access.ts';
import { assignSupervisorDistrict, registerChild, viewerOf } from '../plugins/child-care-visits/children.ts';
import { children } from '../plugins/child-care-visits/schema.ts';
import { recordVisit } from '../plugins/child-care-visits/visits.ts';
import { activateCard } from '../plugins/legal-aid-card/activation.ts';
import { createBatch } from '../plugins/legal-aid-card/batches.ts';
import { activeCardOf } from '../plugins/legal-aid-card/cards.ts';
import { askQuestion } from '../plugins/legal-aid-card/consultations.ts';
import { legalAidConsultations } from '../plugins/legal-aid-card/schema.ts';
import { earnForRecords } from '../plugins/time-bank/earning.ts';
import type { TimeBankSettings } from '../plugins/time-bank/settings.ts';
import { parseArgs } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2), {
  url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vc_bench',
  slug: 'bench-001',
  /** A child director's caseload: the field guideline is a director per village, some tens of children. */
  children: 40,
  /** Questions waiting for a volunteer lawyer in the city. */
  questions: 30,
  /** Gifts to the city's fund at its donation station. */
  donations: 500,
});

const DAY_MS = 86_400_000;
const RISKS = ['high', 'medium', 'low'] as const;
const CATEGORIES = ['labour', 'family', 'housing', 'elder'] as const;

/** The city's benchmark people of the plugins' roles (`<who>@<slug>.bench`), made once. */
async function benchUser(tx: Tx, tenantId: string, who: string, name: string, role: string): Promise<string> {
  const email = `${who}@${args.slug}.bench`;
  const found = await findUserByLogin(tx, tenantId, email);
  const id = found?.id ?? (await createUser(tx, tenantId, { name, email, passwordHash: null }));
  await grantRole(tx, tenantId, id, role);
  return id;
}

async function main() {
  const db = await openDatabase({ url: args.url, maxConnections: 2 });
  const registry = createPluginRegistry(plugins);
  try {
    const tenant = await db.platform((tx) => findTenantBySlug(tx, args.slug));
    if (!tenant) throw new Error(`no city ${args.slug}: run npm run seed:scale first`);
    const city = pluginCity(tenant, `http://${args.slug}.localhost`);
    const events = registry.eventsFor(city);
    const step = (what: string) => console.error(`${args.slug}: ${what}`);

    await db.tenant(tenant.id, async (tx) => {
      step('people of the plugins’ roles');
      const admin = (await findUserByLogin(tx, tenant.id, `admin@${args.slug}.bench`))!.id;
      await benchUser(tx, tenant.id, 'manager', `${args.slug}基金管理人`, 'charity-fund.manager');
      await benchUser(tx, tenant.id, 'lawyer', `${args.slug}志愿律师`, 'legal-aid-card.lawyer');
      await benchUser(tx, tenant.id, 'director', `${args.slug}儿童主任`, 'child-care-visits.director');
      await benchUser(tx, tenant.id, 'supervisor', `${args.slug}督导社工`, 'child-care-visits.supervisor');
      step('plugins enabled by the city admin');
      const enabled = new Set((await registry.enabledFor(tx, tenant.id)).keys());
      for (const plugin of plugins) if (!enabled.has(plugin.id)) await setPluginEnablement(tx, tenant.id, plugin, { enabled: true, changedBy: `user:${admin}` });
      for (const [pluginId, settings] of await registry.enabledFor(tx, tenant.id)) {
        const plugin = registry.get(pluginId);
        // The time bank's demo seed earns credits for every verified record of the city: at scale size, far too many for one go.
        if (!plugin?.seed || pluginId === 'time-bank') continue;
        step(`demo data of ${pluginId}`);
        await plugin.seed(contextInTransaction(tx, city, settings, plugin, events));
      }
    });

    const work = (pluginId: string, fn: (w: CityWork) => Promise<void>) =>
      db.tenant(tenant.id, async (tx) => {
        const plugin = registry.get(pluginId)!;
        const settings = (await registry.enabledFor(tx, tenant.id)).get(pluginId);
        await contextInTransaction(tx, city, settings, plugin, events).work(fn);
      });
    const person = async (w: CityWork, who: string) => (await w.people.find(`${who}@${args.slug}.bench`))!;

    step("credits for the benchmark volunteer's verified service");
    await work('time-bank', async (w) => {
      const volunteer = await person(w, 'volunteer');
      const settings = (await registry.enabledFor(w.tx, w.tenantId)).get('time-bank') as TimeBankSettings;
      const records = (await w.people.verifiedServiceRecords()).filter((r) => r.volunteerUserId === volunteer.id);
      await earnForRecords(w, settings, records);
    });

    step(`a child director's caseload of ${args.children}`);
    await work('child-care-visits', async (w) => {
      const director = await person(w, 'director');
      const supervisor = await person(w, 'supervisor');
      const [have] = await w.tx.select({ n: count() }).from(children).where(and(eq(children.tenantId, w.tenantId), eq(children.directorId, director.id)));
      const [district] = await w.districts();
      if ((have?.n ?? 0) >= args.children) return;
      await assignSupervisorDistrict(w, supervisor.id, supervisor.id, district!);
      const boss = await viewerOf(w, supervisor, new Set([MAY_SUPERVISE]));
      const visitor = await viewerOf(w, director, new Set([MAY_VISIT]));
      const consent = { givenBy: '监护人', relation: '祖母', purposes: '定期探访、救助和转介', givenOn: '2026-09-01' };
      for (let i = have?.n ?? 0; i < args.children; i++) {
        const registered = new Date(Date.now() - (20 + i * 3) * DAY_MS);
        const made = await registerChild(w, boss, {
          name: `基准儿童${i + 1}`, category: 'left_behind', district: district!, village: `第${(i % 8) + 1}村`, riskLevel: RISKS[i % 3]!,
          riskReasons: '父母在外务工', reviewOn: '2027-06-30', directorId: director.id, consent,
          details: { guardianName: '监护人', guardianPhone: '13800000000', address: `第${(i % 8) + 1}村${i + 1}号`, school: '中心小学', needs: '课外辅导' },
        }, registered);
        if (!made.ok) throw new Error(`child ${i} refused: ${made.reason}`);
        // Three visits each, the last some days ago: the list's "last visit" has history to pick from.
        for (const daysAgo of [(i % 30) + 60, (i % 30) + 30, i % 30]) {
          const on = new Date(Date.now() - daysAgo * DAY_MS);
          await recordVisit(w, visitor, made.id, { visitedOn: toLocalDateInput(on), mode: 'home', findings: '状态良好', needs: '', followUp: '' }, on);
        }
      }
    });

    step(`${args.questions} questions waiting for a lawyer, and a card for the benchmark volunteer`);
    await work('legal-aid-card', async (w) => {
      const volunteer = await person(w, 'volunteer');
      const [waiting] = await w.tx.select({ n: count() }).from(legalAidConsultations).where(and(eq(legalAidConsultations.tenantId, w.tenantId), eq(legalAidConsultations.status, 'waiting')));
      const needed = Math.max(0, args.questions - (waiting?.n ?? 0));
      const holders = needed > 0 || !(await activeCardOf(w, volunteer.id)) ? (await w.people.withRole('volunteer')).slice(0, needed + 1) : [];
      if (holders.length === 0) return;
      const [admin] = await w.people.withRole('city_admin');
      const year = new Date().getUTCFullYear();
      const batch = await createBatch(w, admin!.id, { foundationId: null, sponsor: '基准法治公益基金会', cardCount: holders.length + 1, validFrom: `${year - 1}-01-01`, validUntil: `${year + 3}-12-31` });
      if (!batch.ok) throw new Error('no card serials left');
      const now = new Date();
      const people = [volunteer, ...holders.filter((h) => h.id !== volunteer.id)];
      for (const [i, holder] of people.entries()) {
        if (await activeCardOf(w, holder.id)) continue;
        const card = batch.cards[i]!;
        const activated = await activateCard(w, holder.id, { number: card.number, code: card.code, address: null }, now);
        if (!activated.ok) throw new Error(`card refused: ${activated.reason}`);
      }
      for (let i = 0; i < needed; i++) {
        const holder = people[(i % (people.length - 1)) + 1] ?? volunteer;
        const asked = await askQuestion(w, holder.id, { category: CATEGORIES[i % CATEGORIES.length]!, description: '单位拖欠工资三个月，应该怎么维权？', preferredContact: 'site', contactPhone: null, urgency: i % 5 === 0 ? 'urgent' : 'normal' }, { responseHours: 24, urgentResponseHours: 4 }, new Date(now.getTime() - (i % 20) * 3600_000));
        if (!asked.ok) throw new Error(`question refused: ${asked.reason}`);
      }
    });

    step(`${args.donations} gifts at the fund's station`);
    await work('charity-fund', async (w) => {
      const [fund] = await w.tx.select({ id: charityFunds.id }).from(charityFunds).where(eq(charityFunds.tenantId, w.tenantId)).limit(1);
      const [station] = await w.tx.select({ id: charityStations.id }).from(charityStations).where(eq(charityStations.tenantId, w.tenantId)).limit(1);
      if (!fund || !station) throw new Error('the charity fund seed made no fund: the city needs an admin and a manager');
      const [have] = await w.tx.select({ n: count() }).from(charityDonations).where(and(eq(charityDonations.tenantId, w.tenantId), eq(charityDonations.fundId, fund.id)));
      const [admin] = await w.people.withRole('city_admin');
      const today = toLocalDateInput(new Date());
      for (let i = have?.n ?? 0; i < args.donations; i++) {
        const gift = await recordStationCash(w, station.id, admin!.id, { fundId: fund.id, amountFen: 1_000 + (i % 50) * 500, donorName: `捐赠人${i + 1}`, visibility: (['masked', 'named', 'anonymous'] as const)[i % 3]!, message: '' }, today, null);
        if (!gift.ok) throw new Error(`gift refused: ${gift.reason}`);
      }
    });
    step('done');
  } finally {
    await db.close();
  }
}

await main();
