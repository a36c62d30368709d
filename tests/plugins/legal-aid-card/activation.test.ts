import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateCard } from '../../../plugins/legal-aid-card/activation.ts';
import { printedNumber } from '../../../plugins/legal-aid-card/card-numbers.ts';
import { legalAidActivationBackoff, legalAidCards } from '../../../plugins/legal-aid-card/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { batch, member, P, startLegalAidKit } from './fixtures.ts';
import { fieldError, mainOf } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
let cards: { number: string; code: string }[];
let batchId: string;
/** The resident who activated the first card. */
let firstHolder: Awaited<ReturnType<typeof member>>;
beforeAll(async () => {
  kit = await startLegalAidKit();
  const admin = await member(kit, 'alpha', '甲管理', ['city_admin']);
  const made = await batch(kit, 'alpha', admin.id, { cardCount: 10, sponsor: '椰城公益基金会' });
  cards = made.cards;
  batchId = made.batch.id;
});
afterAll(() => kit.close());

const cardRow = async (number: string) => (await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidCards).where(and(eq(legalAidCards.tenantId, t), eq(legalAidCards.number, number)))))[0]!;
const audit = (action: string) => kit.auditEntries('alpha', action);
const activate = (client: Awaited<ReturnType<typeof member>>['client'], number: string, code: string) => client.post(`${P}/activate`, { number, code });

describe('activating a card', () => {
  it('binds the card to a resident with the right number and code, and shows it with its benefits', async () => {
    const resident = (firstHolder = await member(kit, 'alpha', '林阿婆'));
    const card = cards[0]!;
    // As printed: spaces in the number, dashes and lower case in the code.
    const res = await activate(resident.client, printedNumber(card.number), `${card.code.slice(0, 4)}-${card.code.slice(4).toLowerCase()}`);
    expect(res.status).toBe(303);
    expect(await cardRow(card.number)).toMatchObject({ status: 'active', holderUserId: resident.id });
    const home = await mainOf(await resident.client.get(`${P}/`));
    expect(home).toContain(printedNumber(card.number));
    expect(home).toContain('林阿婆');
    expect(home).toContain('椰城公益基金会');
    expect(home).toContain('免费法律咨询');
    expect(await audit('legal-aid-card.card_activated')).toHaveLength(1);
  });

  it('refuses a wrong code beside the field, leaves the card unused, and logs the attempt without the code', async () => {
    const resident = await member(kit, 'alpha', '符先生');
    const card = cards[1]!;
    const wrong = card.code.startsWith('A') ? 'B'.repeat(12) : 'A'.repeat(12);
    const res = await activate(resident.client, card.number, wrong);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'code')).toContain('不对');
    expect(await cardRow(card.number)).toMatchObject({ status: 'issued', holderUserId: null });
    const refused = await audit('legal-aid-card.activation_refused');
    expect(refused.some((a) => a.actor === `user:${resident.id}`)).toBe(true);
    expect(JSON.stringify(refused)).not.toContain(wrong);
  });

  it('tells a typo in the number apart without counting it as a wrong try', async () => {
    const resident = await member(kit, 'alpha', '吴女士');
    const card = cards[2]!;
    const typo = `${card.number.slice(0, 10)}${(Number(card.number[10]) + 1) % 10}`;
    const res = await activate(resident.client, typo, card.code);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'number')).toContain('输错了一位');
    const backoff = await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidActivationBackoff).where(and(eq(legalAidActivationBackoff.tenantId, t), eq(legalAidActivationBackoff.userId, resident.id))));
    expect(backoff).toEqual([]);
  });

  it('refuses a card already used, and a second card for the same person', async () => {
    const other = await member(kit, 'alpha', '王先生');
    const used = await activate(other.client, cards[0]!.number, cards[0]!.code);
    expect(used.status).toBe(400);
    expect(fieldError(await used.text(), 'number')).toContain('已经被激活');
    expect((await cardRow(cards[0]!.number)).holderUserId).not.toBe(other.id);

    expect((await activate(other.client, cards[3]!.number, cards[3]!.code)).status).toBe(303);
    const second = await activate(other.client, cards[4]!.number, cards[4]!.code);
    expect(second.status).toBe(400);
    expect(fieldError(await second.text(), 'number')).toContain('每人只能激活一张');
    expect((await cardRow(cards[4]!.number)).status).toBe('issued');
  });

  it('asks for a real name first', async () => {
    const anonymous = await kit.person('alpha', '无名');
    const res = await activate(anonymous.client, cards[5]!.number, cards[5]!.code);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'number')).toContain('实名');
    expect((await cardRow(cards[5]!.number)).status).toBe('issued');
  });

  it('refuses the cards of a suspended batch', async () => {
    const admin = await member(kit, 'alpha', '甲管理二', ['city_admin']);
    await admin.client.post(`${P}/batches/${batchId}/suspend`);
    const resident = await member(kit, 'alpha', '陈先生');
    const res = await activate(resident.client, cards[6]!.number, cards[6]!.code);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'number')).toContain('暂停');
    // The holders of its cards see them as not usable for now.
    expect(await mainOf(await firstHolder.client.get(`${P}/`))).toContain('暂不可用');
    await admin.client.post(`${P}/batches/${batchId}/resume`);
    expect(await mainOf(await firstHolder.client.get(`${P}/`))).not.toContain('暂不可用');
    expect((await activate(resident.client, cards[6]!.number, cards[6]!.code)).status).toBe(303);
  });

  it('makes a resident wait 1, 2, 4 ... seconds after wrong codes, and the right code clears it', async () => {
    const resident = await member(kit, 'alpha', '等待者');
    const card = cards[7]!;
    const t0 = new Date('2026-06-01T02:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const attempt = (code: string, when: Date) => kit.work('alpha', (w) => activateCard(w, resident.id, { number: card.number, code, address: null }, when));
    expect(await attempt('0'.repeat(12), at(0))).toMatchObject({ ok: false, reason: 'wrong_code' });
    expect(await attempt(card.code, at(500))).toMatchObject({ ok: false, reason: 'wait', seconds: 1 });
    expect(await attempt('0'.repeat(12), at(1000))).toMatchObject({ ok: false, reason: 'wrong_code' });
    expect(await attempt(card.code, at(2500))).toMatchObject({ ok: false, reason: 'wait', seconds: 1 });
    expect(await attempt('0'.repeat(12), at(3000))).toMatchObject({ ok: false, reason: 'wrong_code' });
    expect(await attempt(card.code, at(3100))).toMatchObject({ ok: false, reason: 'wait', seconds: 4 });
    expect((await cardRow(card.number)).status).toBe('issued');
    expect(await attempt(card.code, at(7000))).toMatchObject({ ok: true });
    const [backoff] = await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidActivationBackoff).where(and(eq(legalAidActivationBackoff.tenantId, t), eq(legalAidActivationBackoff.userId, resident.id))));
    expect(backoff).toMatchObject({ failures: 0, blockedUntil: null });
  });

  it('replaces a lost card: the old number stops working and the holder gets a new one', async () => {
    const holder = await member(kit, 'alpha', '丢卡人');
    const card = cards[8]!;
    expect((await activate(holder.client, card.number, card.code)).status).toBe(303);
    const issued = () => kit.ledger.balance('alpha', 'city:issued', 'LEGAL_AID_CARD');
    const before = await issued();
    expect((await holder.client.post(`${P}/card/lost`)).status).toBe(303);
    // The new card is issued on the ledger like a batch's.
    expect(await issued()).toBe(before + 1);
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
    expect((await cardRow(card.number)).status).toBe('lost');
    const home = await mainOf(await holder.client.get(`${P}/`));
    expect(home).not.toContain(printedNumber(card.number));
    const [replacement] = await kit.inCity('alpha', (tx, t) => tx.select().from(legalAidCards).where(and(eq(legalAidCards.tenantId, t), eq(legalAidCards.holderUserId, holder.id), eq(legalAidCards.status, 'active'))));
    expect(replacement!.replacesCardId).toBe((await cardRow(card.number)).id);
    expect(home).toContain(printedNumber(replacement!.number));
    // Whoever finds the old card cannot take it over.
    const finder = await member(kit, 'alpha', '捡卡人');
    expect((await activate(finder.client, card.number, card.code)).status).toBe(400);
  });
});
