import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCode } from '../../../core/plugin-api.ts';
import { createItem, redeemItem } from '../../../plugins/time-bank/catalogue.ts';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { timeBankRedemptions } from '../../../plugins/time-bank/schema.ts';
import { startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';

let kit: PluginKit;
let itemId: string;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'] });
  itemId = await kit.work('alpha', (w) => createItem(w, { kind: 'goods', name: '大米 5 公斤', description: '爱心超市捐赠', donor: '爱心超市', price: 200, stock: 5 }));
});
afterAll(() => kit.close());

/** A member who earned five hours of credits. */
async function earner(name: string) {
  const member = await kit.person('alpha', name, { profile: true });
  await kit.verifiedService(await kit.organiser(), member.id, 5 * 60);
  return member;
}
const redemptionsOf = (memberId: string) =>
  kit.inCity('alpha', (tx, t) => tx.select().from(timeBankRedemptions).where(and(eq(timeBankRedemptions.tenantId, t), eq(timeBankRedemptions.memberId, memberId))));
const redemptionMessages = async (email: string) => (await kit.messagesTo(email)).filter((m) => m.kind === 'time-bank.redemption-ready');

describe(`time bank: a redemption ready for pick-up (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('tells the member once, with the item and the code the station asks for, and keeps the code from admins', async () => {
    const member = await earner('兑换人');
    expect((await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`)).status).toBe(303);
    const [redemption] = await redemptionsOf(member.id);
    const got = await redemptionMessages(member.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ channel: 'email', subject: `【${kit.city('alpha').names['zh-CN']}】兑换成功，可凭码领取：大米 5 公斤`, sensitive: true, key: `time-bank:redemption-ready:${redemption!.id}` });
    expect(got[0]!.text).toContain(`兑换码：${groupCode(redemption!.code)}`);
    expect(got[0]!.text).toContain('请到服务站出示兑换码领取');
  });

  it('in English for an English reader, one message a redemption', async () => {
    const member = await earner('Ann');
    await kit.readsIn('alpha', member.id, 'en');
    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    await member.client.post(`/p/time-bank/catalogue/${itemId}/redeem`);
    const codes = (await redemptionsOf(member.id)).map((r) => groupCode(r.code));
    const got = await redemptionMessages(member.email);
    expect(got).toHaveLength(2);
    expect(got[0]!.subject).toBe(`${kit.city('alpha').names.en}: ready for pick-up: 大米 5 公斤`);
    expect(got.map((m) => /Code: (\S+)/.exec(m.text)?.[1]).sort()).toEqual(codes.sort());
  });

  it('a redemption rolled back tells nobody', async () => {
    const member = await earner('回滚');
    await expect(
      kit.work('alpha', async (w) => {
        expect((await redeemItem(w, itemId, member.id, 60)).ok).toBe(true);
        throw new Error('the request failed after redeeming');
      }),
    ).rejects.toThrow('the request failed after redeeming');
    expect(await redemptionMessages(member.email)).toEqual([]);
  });
});
