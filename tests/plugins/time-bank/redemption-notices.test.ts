import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../core/messages/schema.ts';
import { groupCode } from '../../../core/readable-codes.ts';
import { createItem, redeemItem } from '../../../plugins/time-bank/catalogue.ts';
import { timeBankRedemptions } from '../../../plugins/time-bank/schema.ts';
import { messagesTo } from '../../support/outbox.ts';
import type { TestPlatform } from '../../support/platform.ts';
import { citizen, inCity } from '../../volunteering/fixtures.ts';
import { readsEnglish } from '../../volunteering/notices/fixtures.ts';
import { organiserOf, served, timeBankPlatform } from './helpers.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { pluginWork } from '../../support/plugin-work.ts';

let p: TestPlatform;
let itemId: string;
beforeAll(async () => {
  p = await timeBankPlatform();
  itemId = await inCity(p, 'alpha', (tx, t) => createItem(pluginWork(timeBankPlugin, tx, t), { kind: 'goods', name: '大米 5 公斤', description: '爱心超市捐赠', donor: '爱心超市', price: 200, stock: 5 }));
});
afterAll(() => p.close());

async function earner(name: string) {
  const member = await citizen(p, 'alpha', name, { profile: true });
  await served(p, await organiserOf(p), member.id, 5 * 60);
  return member;
}
const redemptionsOf = (memberId: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(timeBankRedemptions).where(and(eq(timeBankRedemptions.tenantId, t), eq(timeBankRedemptions.memberId, memberId))));
const redemptionMessages = async (email: string) => (await messagesTo(p, email)).filter((m) => m.kind === 'time-bank.redemption-ready');

describe(`time bank: a redemption ready for pick-up (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('tells the member once, with the item and the code the station asks for, and keeps the code from admins', async () => {
    const member = await earner('兑换人');
    expect((await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`)).status).toBe(303);
    const [redemption] = await redemptionsOf(member.id);
    const got = await redemptionMessages(member.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ channel: 'email', subject: `【${p.cities.alpha!.names['zh-CN']}】兑换成功，可凭码领取：大米 5 公斤` });
    expect(got[0]!.text).toContain(`兑换码：${groupCode(redemption!.code)}`);
    expect(got[0]!.text).toContain('请到服务站出示兑换码领取');
    const [row] = await p.db.platform((tx) => tx.select({ sensitive: messages.sensitive }).from(messages).where(eq(messages.idempotencyKey, `time-bank:redemption-ready:${redemption!.id}`)));
    expect(row).toEqual({ sensitive: true });
  });

  it('in English for an English reader, one message a redemption', async () => {
    const member = await earner('Ann');
    await readsEnglish(p, 'alpha', member.id);
    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    const codes = (await redemptionsOf(member.id)).map((r) => groupCode(r.code));
    const got = await redemptionMessages(member.email);
    expect(got).toHaveLength(2);
    expect(got[0]!.subject).toBe(`${p.cities.alpha!.names.en}: ready for pick-up: 大米 5 公斤`);
    expect(got.map((m) => /Code: (\S+)/.exec(m.text)?.[1]).sort()).toEqual(codes.sort());
  });

  it('a redemption rolled back tells nobody', async () => {
    const member = await earner('回滚');
    await expect(
      inCity(p, 'alpha', async (tx, t) => {
        expect((await redeemItem(pluginWork(timeBankPlugin, tx, t), itemId, member.id, 60)).ok).toBe(true);
        throw new Error('the request failed after redeeming');
      }),
    ).rejects.toThrow('the request failed after redeeming');
    expect(await redemptionMessages(member.email)).toEqual([]);
  });
});
