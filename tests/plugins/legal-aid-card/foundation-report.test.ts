import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalAidCardPlugin } from '../../../plugins/legal-aid-card/index.ts';
import { defineTenant, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P } from './fixtures.ts';

let kit: PluginKit;
let fund: Awaited<ReturnType<PluginKit['foundation']>>;
beforeAll(async () => {
  // A third city with the plugin: the foundation sponsors alpha and gamma, not beta.
  const gamma = defineTenant({
    slug: 'gamma',
    names: { 'zh-CN': '丙市', en: 'Gamma City' },
    branding: { primaryColor: '#224466', accentColor: '#f2a900', logoText: '丙市', footer: { 'zh-CN': '丙市', en: 'Gamma' }, contact: {} },
  });
  kit = await startPluginKit(legalAidCardPlugin, { enabledIn: ['alpha', 'beta'], moreCities: [gamma] });
  fund = await kit.foundation('海南法治公益基金会', ['alpha', 'gamma']);
  for (const slug of ['alpha', 'beta']) {
    const admin = await member(kit, slug, `${slug}管理`, ['city_admin']);
    const cards = (await batch(kit, slug, admin.id, { foundationId: fund.foundationId, sponsor: `${slug}捐赠基金会`, cardCount: 4 })).cards;
    const holder = await member(kit, slug, slug === 'alpha' ? '符阿婆' : '王阿公');
    expect((await holder.client.post(`${P}/activate`, cards[0]!)).status).toBe(303);
  }
});
afterAll(() => kit.close());

/** The section of one city on the report page: from its heading to the next city's. */
const citySection = (html: string, cityName: string) => html.split('<section').find((s) => s.includes(`aria-label="${cityName}"`)) ?? '';

describe("the foundation's report in the console", () => {
  it('shows each city it sponsors with the card figures, and no other city', async () => {
    const res = await fund.get('/report');
    expect(res.status).toBe(200);
    const html = await mainOf(res);
    const alpha = citySection(html, '甲市');
    expect(alpha).toContain('alpha捐赠基金会');
    // Issued 4, activated 1, no questions or applications yet.
    expect(alpha.replace(/<[^>]+>/g, '|')).toMatch(/alpha捐赠基金会\|+4\|+1\|+0\|+0\|+0/);
    // gamma has not enabled the plugin: its section says so.
    expect(citySection(html, '丙市')).toContain('还没有开通您资助的');
    // beta is not sponsored: neither its name nor its batch.
    expect(html).not.toContain('乙市');
    expect(html).not.toContain('beta捐赠基金会');
  });

  it("shows a foundation its own batches only, not another foundation's batch in the same city; the public report shows both", async () => {
    const other = await kit.foundation('另一个捐赠基金会', ['alpha']);
    const admin = await member(kit, 'alpha', '甲管理二', ['city_admin']);
    await batch(kit, 'alpha', admin.id, { foundationId: other.foundationId, sponsor: '另一个基金会的卡', cardCount: 3 });
    await batch(kit, 'alpha', admin.id, { foundationId: other.foundationId, sponsor: '另一个基金会的第二批', cardCount: 2 });
    const mine = citySection(await mainOf(await fund.get('/report')), '甲市');
    expect(mine).toContain('alpha捐赠基金会');
    expect(mine).not.toContain('另一个基金会的卡');
    const theirs = citySection(await mainOf(await other.get('/report')), '甲市');
    expect(theirs).toContain('另一个基金会的卡');
    expect(theirs).not.toContain('alpha捐赠基金会');
    expect(theirs.replace(/<[^>]+>/g, '|')).toMatch(/另一个基金会的卡\|+3\|+0\|+0\|+0\|+0/);
    // Its total adds up its own two batches, and is not called the city's.
    expect(theirs.replace(/<[^>]+>/g, '|')).toMatch(/贵基金会在本市合计\|+5\|/);
    expect(theirs).not.toContain('全市合计');
    const publicReport = await mainOf(await kit.visitor('alpha').get(`${P}/report`));
    expect(publicReport).toContain('alpha捐赠基金会');
    expect(publicReport).toContain('另一个基金会的卡');
  });

  it('names no person: neither holders nor card numbers', async () => {
    // Read by the foundation whose batch the holder activated a card of.
    const html = await (await fund.get('/report')).text();
    expect(html).toContain('alpha捐赠基金会');
    expect(html).not.toContain('符阿婆');
    expect(html).not.toMatch(/\d{11}|\d{4} \d{4} \d{3}/);
  });

  it('is in English for an English reader', async () => {
    const fund = await kit.foundation('英文基金会', ['alpha']);
    const html = await (await fund.get('/report', { 'accept-language': 'en' })).text();
    expect(html).toContain('Cards issued');
  });

  it('is for foundations only: a visitor goes to sign in', async () => {
    const res = await kit.consoleVisitor().get('/report');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/sign-in');
  });
});
