import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { accessLog, wishes } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, fieldError, inCity, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

let p: PluginKit;
let director: Awaited<ReturnType<typeof member>>;
let donor: Awaited<ReturnType<typeof member>>;
let childId: string;
beforeAll(async () => {
  p = await startChildCarePlatform();
  const boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  donor = await member(p, 'alpha', '爱心人士');
  childId = await child(p, 'alpha', boss.id, director.id);
});
afterAll(() => p.close());

const wishCount = () => inCity(p, 'alpha', async (tx, t) => (await tx.select({ n: count() }).from(wishes).where(eq(wishes.tenantId, t)))[0]!.n);
const wishIdOf = async (text: string) => (await inCity(p, 'alpha', (tx, t) => tx.select({ id: wishes.id }).from(wishes).where(and(eq(wishes.tenantId, t), eq(wishes.wish, text)))))[0]!.id;
const logOf = () => inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, t), eq(accessLog.childId, childId))).orderBy(accessLog.seq));
const SECRETS = ['韦小明', '良寨', '韦奶奶', '13907725678'];

describe('micro-wishes', () => {
  it('refuses a wish that names the child, their village or guardian, beside the field, and stores nothing', async () => {
    const before = await wishCount();
    for (const [field, value] of [['alias', '小明'], ['wish', '韦小明想要一个书包'], ['wish', '送到良寨村'], ['wish', '请联系韦奶奶']] as const) {
      const res = await director.client.post(`${P}/children/${childId}/wishes`, { alias: 'M', age_band: '6-11', wish: '一个书包', [field]: value });
      expect(res.status, value).toBe(400);
      expect(fieldError(await res.text(), field), value).toContain('不得包含');
    }
    const empty = await director.client.post(`${P}/children/${childId}/wishes`, { alias: '', age_band: '99', wish: '' });
    const html = await empty.text();
    for (const field of ['alias', 'age_band', 'wish']) expect(fieldError(html, field), field).toBeTruthy();
    expect(await wishCount()).toBe(before);
  });

  it('lets only the child’s director publish: another director, the supervisor’s 403 aside, gets 404', async () => {
    const other = await member(p, 'alpha', '别的主任', [DIRECTOR]);
    expect((await other.client.post(`${P}/children/${childId}/wishes`, { alias: 'M', age_band: '6-11', wish: '一个书包' })).status).toBe(404);
    expect((await donor.client.post(`${P}/children/${childId}/wishes`, { alias: 'M', age_band: '6-11', wish: '一个书包' })).status).toBe(403);
  });

  it('publishes a wish the public page shows with alias, age band and township only, logged in the child’s chain', async () => {
    const res = await director.client.post(`${P}/children/${childId}/wishes`, { alias: 'M', age_band: '6-11', wish: '一个新书包' });
    expect(res.status).toBe(303);
    expect((await logOf()).at(-1)).toMatchObject({ actorId: director.id, action: 'wish_published' });
    const page = await mainOf(await p.visitor('alpha').get(`${P}/wishes`));
    expect(page).toContain('一个新书包');
    expect(page).toContain('6-11 岁');
    for (const secret of SECRETS) expect(page).not.toContain(secret);
    expect(page).not.toContain(childId);
    expect(page).toContain('登录后可认领');
  });

  it('lets a donor claim it once; a second claimant is told it is taken', async () => {
    const wishId = await wishIdOf('一个新书包');
    expect((await donor.client.post(`${P}/wishes/${wishId}/claim`)).status).toBe(303);
    const mine = await mainOf(await donor.client.get(`${P}/wishes`));
    expect(mine).toContain('请把礼物交给儿童主任覃主任');
    for (const secret of SECRETS) expect(mine).not.toContain(secret);
    const late = await member(p, 'alpha', '晚到的人');
    await late.client.post(`${P}/wishes/${wishId}/claim`);
    expect(await mainOf(await late.client.get(`${P}/wishes`))).toContain('已被认领或已实现');
    expect((await inCity(p, 'alpha', (tx, t) => tx.select().from(wishes).where(and(eq(wishes.tenantId, t), eq(wishes.id, wishId)))))[0]).toMatchObject({ status: 'claimed', claimedBy: donor.id });
  });

  it('is fulfilled only when the child’s director confirms delivery, then shown publicly as fulfilled', async () => {
    const wishId = await wishIdOf('一个新书包');
    expect((await donor.client.post(`${P}/wishes/${wishId}/confirm`)).status).toBe(403);
    const other = await member(p, 'alpha', '另一主任', [DIRECTOR]);
    expect((await other.client.post(`${P}/wishes/${wishId}/confirm`)).status).toBe(404);
    const waiting = await mainOf(await director.client.get(`${P}/wishes`));
    expect(waiting).toContain('等待我确认送达');
    expect(waiting).toContain('爱心人士');
    expect((await director.client.post(`${P}/wishes/${wishId}/confirm`)).status).toBe(303);
    expect((await logOf()).at(-1)).toMatchObject({ actorId: director.id, action: 'wish_fulfilled' });
    const page = await mainOf(await p.visitor('alpha').get(`${P}/wishes`));
    expect(page).toContain('已实现 1 个心愿');
  });

  it('lets a claimant give a wish back, open to others again; a stranger cannot release it', async () => {
    await director.client.post(`${P}/children/${childId}/wishes`, { alias: 'M', age_band: '6-11', wish: '一双运动鞋' });
    const wishId = await wishIdOf('一双运动鞋');
    await donor.client.post(`${P}/wishes/${wishId}/claim`);
    const stranger = await member(p, 'alpha', '路人');
    expect((await stranger.client.post(`${P}/wishes/${wishId}/release`)).status).toBe(404);
    expect((await donor.client.post(`${P}/wishes/${wishId}/release`)).status).toBe(303);
    expect((await inCity(p, 'alpha', (tx, t) => tx.select().from(wishes).where(and(eq(wishes.tenantId, t), eq(wishes.id, wishId)))))[0]).toMatchObject({ status: 'open', claimedBy: null });
  });
});
