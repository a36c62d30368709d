import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeBankPlugin } from '../../../plugins/time-bank/index.ts';
import { fieldError, flashOf, mainOf, startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { lotsTotal, position } from './helpers.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(timeBankPlugin, { enabledIn: ['alpha'] });
});
afterAll(() => kit.close());

const idFromLocation = (res: Response) => /\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

/** Two members: `helped` has earned 3 credits, `helper` has none. */
async function pair() {
  const o = await kit.organiser();
  const helped = await kit.person('alpha', '需要帮助的人', { profile: true });
  const helper = await kit.person('alpha', '热心邻居');
  await kit.verifiedService(o, helped.id, 180);
  return { helped, helper };
}

describe(`time for service (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('posts an offer, takes a response, and moves the credits only once both sides confirm', async () => {
    const { helped, helper } = await pair();
    const posted = await helper.client.post('/p/time-bank/market/new', { kind: 'offer', title: '陪同就医', description: '周一上午可陪同到市医院', credits: '1.5' });
    expect(posted.status).toBe(303);
    const listingId = idFromLocation(posted);
    const market = await mainOf(await helped.client.get('/p/time-bank/market?kind=offer'));
    expect(market).toContain('陪同就医');
    expect(market).toContain('1.5 时间币');

    const responded = await helped.client.post(`/p/time-bank/market/${listingId}/respond`, { message: '周一九点，谢谢' });
    expect(responded.status).toBe(303);
    const exchangeId = idFromLocation(responded);
    const page = await mainOf(await helper.client.get(`/p/time-bank/exchanges/${exchangeId}`));
    expect(page).toContain('等待热心邻居确认');
    expect(page).toContain('周一九点，谢谢');

    const first = await helper.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`);
    expect(flashOf(await (await helper.client.follow(first)).text())).toBe('已确认，等待对方确认。');
    expect(await position(kit, helper.id)).toEqual({ balance: 0, owed: 0 });
    const twice = await helper.client.follow(helper.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`));
    expect(flashOf(await twice.text())).toBe('你已确认过。');

    const second = await helped.client.follow(helped.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`));
    expect(flashOf(await second.text())).toBe('双方已确认，1.5 时间币 已转给服务方。');
    expect(await position(kit, helper.id)).toEqual({ balance: 150, owed: 0 });
    expect(await position(kit, helped.id)).toEqual({ balance: 150, owed: 0 });
    expect(await lotsTotal(kit, helper.id)).toBe(150);
    expect(await lotsTotal(kit, helped.id)).toBe(150);
    expect(await mainOf(await helper.client.get('/p/time-bank/statement'))).toContain('提供互助服务，收到积分');
    expect(await mainOf(await helped.client.get('/p/time-bank/statement'))).toContain('接受互助服务，支付积分');
  });

  it('refuses the last confirmation while the requester lacks the credits, and changes nothing', async () => {
    const { helped, helper } = await pair();
    const posted = await helped.client.post('/p/time-bank/market/new', { kind: 'request', title: '帮忙搬家', description: '一整天', credits: '8' });
    const listingId = idFromLocation(posted);
    const exchangeId = idFromLocation(await helper.client.post(`/p/time-bank/market/${listingId}/respond`, { message: '' }));
    await helper.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`);
    const refused = await helped.client.follow(helped.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`));
    expect(flashOf(await refused.text())).toBe('受助方余额不足（现有 3 时间币），暂不能完成。');
    expect(await position(kit, helped.id)).toEqual({ balance: 300, owed: 0 });
    expect(await mainOf(await helped.client.get(`/p/time-bank/exchanges/${exchangeId}`))).toContain('进行中');
  });

  it('validates a new post beside each field, keeps the input, and writes nothing', async () => {
    const member = await kit.person('alpha', '发布者');
    const bad = await member.client.post('/p/time-bank/market/new', { kind: 'gift', title: '', description: '说明文字', credits: '1.234' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(fieldError(html, 'title')).toBe('请填写此项。');
    expect(fieldError(html, 'credits')).toBe('请填写大于 0 的积分，最多两位小数。');
    expect(fieldError(html, 'kind')).toBe('请从列表中选择。');
    expect(html).toContain('说明文字');
    expect(await mainOf(await member.client.get('/p/time-bank/market'))).not.toContain('说明文字');
    expect((await member.client.post('/p/time-bank/market/new', { kind: 'offer', title: 'x', description: 'y', credits: '0' })).status).toBe(400);
  });

  it('sends a dispute to the city admin, who settles it; strangers get 403 and unknown ids 404', async () => {
    const { helped, helper } = await pair();
    const listingId = idFromLocation(await helper.client.post('/p/time-bank/market/new', { kind: 'offer', title: '修水管', description: '家里水管', credits: '2' }));
    const exchangeId = idFromLocation(await helped.client.post(`/p/time-bank/market/${listingId}/respond`, { message: '' }));
    const stranger = await kit.person('alpha', '路人');
    expect((await stranger.client.get(`/p/time-bank/exchanges/${exchangeId}`)).status).toBe(403);
    expect((await stranger.client.post(`/p/time-bank/exchanges/${exchangeId}/confirm`)).status).toBe(403);
    expect((await stranger.client.get('/p/time-bank/exchanges/01900000-0000-7000-8000-000000000000')).status).toBe(404);

    const noReason = await helped.client.post(`/p/time-bank/exchanges/${exchangeId}/dispute`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    await helped.client.post(`/p/time-bank/exchanges/${exchangeId}/dispute`, { reason: '师傅没有来' });
    expect((await helper.client.get('/p/time-bank/admin/disputes')).status).toBe(403);
    const admin = await kit.cityAdmin('alpha');
    const disputes = await mainOf(await admin.client.get('/p/time-bank/admin/disputes'));
    expect(disputes).toContain('师傅没有来');
    const missing = await admin.client.post(`/p/time-bank/admin/exchanges/${exchangeId}/resolve`, { note: '' });
    expect(missing.status).toBe(400);
    const resolved = await admin.client.follow(admin.client.post(`/p/time-bank/admin/exchanges/${exchangeId}/resolve`, { decision: 'complete', note: '经电话核实，服务已完成' }));
    expect(flashOf(await resolved.text())).toBe('已处理。');
    expect(await position(kit, helper.id)).toEqual({ balance: 200, owed: 0 });
    expect(await mainOf(await helped.client.get(`/p/time-bank/exchanges/${exchangeId}`))).toContain('经电话核实，服务已完成');
  });
});
