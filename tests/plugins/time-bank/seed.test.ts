import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugins as shippedPlugins } from '../../../plugins/index.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { timeBankEarnings, timeBankItems, timeBankListings } from '../../../plugins/time-bank/schema.ts';
import qionghai from '../../../tenants/qionghai.ts';
import xiamen from '../../../tenants/xiamen.ts';
import yuexiu from '../../../tenants/yuexiu.ts';
import { mainOf, startPluginKit, type City, type PluginKit } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
let cities: City[];
beforeAll(async () => {
  kit = await startPluginKit(shippedPlugins, { enabledIn: [] });
  cities = await kit.addCities([xiamen, qionghai]);
});
afterAll(() => kit.close());

const state = (city: City) =>
  kit.work(
    city.slug,
    async ({ tx, people }) => ({
      verified: await people.verifiedServiceRecords(),
      earnings: await tx.select().from(timeBankEarnings).where(eq(timeBankEarnings.tenantId, city.id)),
      items: await tx.select().from(timeBankItems).where(eq(timeBankItems.tenantId, city.id)),
      listings: await tx.select().from(timeBankListings).where(and(eq(timeBankListings.tenantId, city.id))),
    }),
    timeBankPlugin,
  );

describe(`time bank demo data (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives Xiamen and Qionghai credits for every verified record, a catalogue and a few posts', async () => {
    for (const city of cities) {
      const s = await state(city);
      expect(s.verified.length).toBeGreaterThan(5);
      expect(s.earnings.map((e) => e.recordId).sort()).toEqual(s.verified.map((v) => v.recordId).sort());
      expect(s.items.length).toBe(4);
      expect(s.items.some((i) => i.stock === 0)).toBe(true);
      expect(s.listings.length).toBe(3);
      expect((await kit.ledger.verify(city.slug)).ok).toBe(true);
    }
    expect(await mainOf(await kit.visitor('qionghai').get('/p/time-bank/'))).toContain('1 椰子币');
    const visitor = kit.visitor('qionghai');
    expect(await mainOf(await visitor.get('/p/time-bank/catalogue'))).toContain('上门助浴服务一次');
  });

  it('seeds again without adding anything', async () => {
    const before = await Promise.all(cities.map(state));
    const seed = timeBankPlugin.seed!;
    for (const city of cities) {
      await kit.asJob(city.slug, seed, { plugin: timeBankPlugin });
    }
    const after = await Promise.all(cities.map(state));
    expect(after.map((s) => [s.earnings.length, s.items.length, s.listings.length])).toEqual(before.map((s) => [s.earnings.length, s.items.length, s.listings.length]));
  });

  it('catches up a city that enabled the time bank after its hours were verified', async () => {
    const [city] = await kit.addCities([yuexiu]);
    expect((await state(city!)).earnings).toEqual([]);
    await kit.enable('yuexiu', {}, timeBankPlugin);
    await kit.asJob('yuexiu', timeBankPlugin.seed!, { plugin: timeBankPlugin });
    const s = await state(city!);
    expect(s.earnings.length).toBeGreaterThan(0);
    expect(s.earnings.length).toBe(s.verified.length);
  });
});
