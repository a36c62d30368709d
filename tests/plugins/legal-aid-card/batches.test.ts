import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationCodeHash } from '../../../plugins/legal-aid-card/activation-codes.ts';
import { cardNumberOf, luhnDigit, readCardNumber } from '../../../plugins/legal-aid-card/card-numbers.ts';
import { legalAidBatches, legalAidCards } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { member, P, startLegalAidKit, today } from './fixtures.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
let admin: Awaited<ReturnType<typeof member>>;
/** The foundation sponsoring the cards in alpha, on whose behalf the admin records batches. */
let fund: Awaited<ReturnType<PluginKit['foundation']>>;
beforeAll(async () => {
  kit = await startLegalAidKit();
  admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  fund = await kit.foundation('海南法治公益基金会', ['alpha']);
});
afterAll(() => kit.close());

const year = () => Number(today().slice(0, 4));
const batchForm = (count: string, sponsor = '海南法治公益基金会') => ({ foundation: fund.foundationId, sponsor, card_count: count, valid_from: `${year()}-01-01`, valid_until: `${year() + 2}-12-31` });
/** Card numbers and codes as the printed sheet shows them. */
const printed = (html: string) => [...html.matchAll(/(\d{4} \d{4} \d{3})<\/span><\/p><p>[^<]*<span class="code">([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/g)].map((m) => ({ number: m[1]!.replace(/ /g, ''), code: m[2]!.replace(/-/g, '') }));
const issued = () => kit.ledger.balance('alpha', 'city:issued', 'LEGAL_AID_CARD');
const batchRows = () => kit.inCity('alpha', (tx, t) => tx.select().from(legalAidBatches).where(eq(legalAidBatches.tenantId, t)));

describe('card numbers', () => {
  it('carry a Luhn check digit that catches a mistyped digit', () => {
    // The example of ISO/IEC 7812-1 as commonly quoted: 7992739871 → 3.
    expect(luhnDigit('7992739871')).toBe(3);
    expect(cardNumberOf(1)).toBe('00000000018');
    expect(readCardNumber('0000 0000 018')).toBe('00000000018');
    expect(readCardNumber('00000000019')).toBe('check_digit');
    expect(readCardNumber('00000000081')).toBe('check_digit');
    expect(readCardNumber('1234')).toBe('malformed');
  });
});

describe('card batches', () => {
  it('prints each card’s number and code once, keeps only hashes, and never shows a code again', async () => {
    const res = await admin.client.post(`${P}/batches/new`, batchForm('12'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await mainOf(res);
    const cards = printed(html);
    expect(cards).toHaveLength(12);
    expect(cards.every((c) => readCardNumber(c.number) === c.number)).toBe(true);
    expect(new Set(cards.map((c) => c.code)).size).toBe(12);
    expect(html).toContain('/p/legal-aid-card/activate');
    expect(html).toContain('<svg');

    const [made] = await batchRows();
    expect(made).toMatchObject({ foundationId: fund.foundationId, sponsor: '海南法治公益基金会', cardCount: 12, status: 'active' });
    const stored = await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidCards).where(and(eq(legalAidCards.tenantId, t), eq(legalAidCards.batchId, made!.id))));
    expect(stored.map((c) => c.number).sort()).toEqual(cards.map((c) => c.number).sort());
    for (const card of stored) expect(card.codeHash).toBe(activationCodeHash(card.number, cards.find((c) => c.number === card.number)!.code));

    const later = await (await admin.client.get(`${P}/batches/${made!.id}`)).text();
    expect(later).toContain('海南法治公益基金会');
    for (const card of cards) expect(later).not.toContain(card.code.slice(0, 4) + '-' + card.code.slice(4, 8));
    const list = await (await admin.client.get(`${P}/batches`)).text();
    expect(list).toContain('海南法治公益基金会');
  });

  it('gives the next batch the serials after the last one', async () => {
    const before = (await batchRows()).map((b) => b.firstSerial + b.cardCount - 1);
    const html = await mainOf(await admin.client.post(`${P}/batches/new`, batchForm('3', '第二基金会')));
    const numbers = printed(html).map((c) => c.number);
    expect(numbers).toEqual([1, 2, 3].map((i) => cardNumberOf(Math.max(...before) + i)));
  });

  it('issues each batch’s cards on the city’s ledger, and the report links each count and the city’s total to its transfers', async () => {
    const rows = await batchRows();
    expect(rows.length).toBeGreaterThan(1);
    expect(await issued()).toBe(rows.reduce((n, b) => n + b.cardCount, 0));
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
    const report = await mainOf(await kit.visitor('alpha').get(`${P}/report`));
    const links = [...report.matchAll(/<td[^>]*>([^<]*)<\/td><td[^>]*><a href="\/ledger\?n=([\d,]+)">(\d+)<\/a>/g)].map((m) => ({ row: m[1]!, numbers: m[2]!.split(',').map(Number), count: Number(m[3]) }));
    for (const b of rows) expect(links.find((l) => l.row === b.sponsor && l.count === b.cardCount)?.numbers, b.sponsor).toHaveLength(1);
    const total = links.find((l) => l.row === '全市合计')!;
    expect(total.count).toBe(await issued());
    expect(total.numbers).toHaveLength(rows.length);
    const listed = await mainOf(await kit.visitor('alpha').get(`/ledger?n=${total.numbers.join(',')}`));
    for (const seq of total.numbers) expect(listed).toContain(`id="t-${seq}"`);
    // The amount reads in the plugin's own words for its unit, not the unit's code.
    expect(listed).toContain('张法治保障卡');
    expect(listed).not.toContain('LEGAL_AID_CARD');
  });

  it('refuses a bad batch beside the field and makes nothing', async () => {
    const count = (await batchRows()).length;
    const before = await issued();
    for (const [form, field] of [[batchForm('0'), 'card_count'], [batchForm('2001'), 'card_count'], [{ ...batchForm('5'), sponsor: 'x'.repeat(101) }, 'sponsor'], [{ ...batchForm('5'), foundation: '' }, 'foundation'], [{ ...batchForm('5'), valid_until: `${year() - 1}-01-01` }, 'valid_until'], [{ ...batchForm('5'), valid_from: '2026-02-30' }, 'valid_from']] as const) {
      const res = await admin.client.post(`${P}/batches/new`, form);
      expect(res.status, field).toBe(400);
      expect(fieldError(await res.text(), field), field).toBeTruthy();
    }
    expect(await batchRows()).toHaveLength(count);
    expect(await issued()).toBe(before);
  });

  it('says so, in both languages, when no foundation sponsors the cards in the city, and records nothing', async () => {
    await kit.enable('beta');
    const betaAdmin = await member(kit, 'beta', '乙无资助管理', ['city_admin']);
    const zh = await mainOf(await betaAdmin.client.get(`${P}/batches/new`));
    expect(zh).toContain('目前没有基金会在本市资助法治保障卡');
    expect(zh).toContain('平台运营方');
    const en = await (await betaAdmin.client.get(`${P}/batches/new`, { 'accept-language': 'en' })).text();
    expect(en).toContain('No foundation sponsors legal-aid cards in this city');
    const res = await betaAdmin.client.post(`${P}/batches/new`, { ...batchForm('2'), foundation: fund.foundationId });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'foundation')).toContain('没有在本市资助');
    expect(await kit.inCity('beta', (tx, t) => tx.select().from(legalAidBatches).where(eq(legalAidBatches.tenantId, t)))).toHaveLength(0);
    await kit.disable('beta');
  });

  it('offers only the foundations sponsoring the cards in the city, prints the chosen one’s name by default, and refuses any other beside the field', async () => {
    const elsewhere = await kit.foundation('乙市基金会', ['beta']);
    const otherModule = await kit.foundation('别的模块基金会', ['alpha'], ['time-bank']);
    const form = await mainOf(await admin.client.get(`${P}/batches/new`));
    expect(form).toContain(`value="${fund.foundationId}"`);
    expect(form).toContain('海南法治公益基金会');
    expect(form).not.toContain('乙市基金会');
    expect(form).not.toContain('别的模块基金会');

    const count = (await batchRows()).length;
    const before = await issued();
    for (const foundation of [elsewhere.foundationId, otherModule.foundationId, '00000000-0000-7000-8000-000000000000', 'not-an-id']) {
      const res = await admin.client.post(`${P}/batches/new`, { ...batchForm('2'), foundation });
      expect(res.status, foundation).toBe(400);
      expect(fieldError(await res.text(), 'foundation'), foundation).toContain('没有在本市资助');
    }
    expect(await batchRows()).toHaveLength(count);
    expect(await issued()).toBe(before);

    expect((await admin.client.post(`${P}/batches/new`, batchForm('1', ''))).status).toBe(200);
    const rows = await batchRows();
    expect(rows).toHaveLength(count + 1);
    expect(rows[0]).toMatchObject({ foundationId: fund.foundationId, sponsor: '海南法治公益基金会' });
  });

  it('lets only the city admin make, see and suspend batches', async () => {
    const resident = await kit.person('alpha', '甲居民', { profile: true });
    const [made] = await batchRows();
    const count = (await batchRows()).length;
    for (const res of [
      await resident.client.get(`${P}/batches`),
      await resident.client.get(`${P}/batches/new`),
      await resident.client.get(`${P}/batches/${made!.id}`),
      await resident.client.post(`${P}/batches/new`, batchForm('2')),
      await resident.client.post(`${P}/batches/${made!.id}/suspend`),
    ]) expect(res.status).toBe(403);
    expect(await batchRows()).toHaveLength(count);
    expect((await batchRows()).every((b) => b.status === 'active')).toBe(true);
  });

  it('suspends and resumes a batch', async () => {
    const [made] = await batchRows();
    expect((await admin.client.post(`${P}/batches/${made!.id}/suspend`)).status).toBe(303);
    expect((await batchRows()).find((b) => b.id === made!.id)?.status).toBe('suspended');
    expect(await (await admin.client.get(`${P}/batches/${made!.id}`)).text()).toContain('/resume');
    expect((await admin.client.post(`${P}/batches/${made!.id}/resume`)).status).toBe(303);
    expect((await batchRows()).find((b) => b.id === made!.id)?.status).toBe('active');
  });

  it('is a 404 in a city that has not enabled it', async () => {
    const betaAdmin = await member(kit, 'beta', '乙管理', ['city_admin']);
    expect((await betaAdmin.client.get(`${P}/batches`)).status).toBe(404);
    expect((await betaAdmin.client.post(`${P}/batches/new`, batchForm('2'))).status).toBe(404);
  });
});
