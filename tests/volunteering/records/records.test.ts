import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerAccounts, ledgerTransfers } from '../../../core/ledger/schema.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../../../core/volunteering/records/verification.ts';
import type { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

/** An organisation of alpha with its administrator, a published project and a volunteer with a profile. */
async function setup(name = '社区助老') {
  const organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id);
  const projectId = await project(p, 'alpha', orgId, organiser.id, { name });
  const volunteer = await citizen(p, 'alpha', '王小明', { profile: true });
  return { organiser, orgId, projectId, volunteer };
}

const balanceOf = async (userId: string) => {
  const [row] = await inCity(p, 'alpha', (tx, t) =>
    tx.select({ balance: ledgerAccounts.balance }).from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.unit, SERVICE_MINUTES), eq(ledgerAccounts.code, volunteerAccountCode(userId)))),
  );
  return row?.balance ?? 0;
};
const transfersFor = (recordIds: string[], kind = 'verified') =>
  inCity(p, 'alpha', (tx, t) =>
    tx.select().from(ledgerTransfers)
      .where(and(eq(ledgerTransfers.tenantId, t), inArray(ledgerTransfers.idempotencyKey, recordIds.map((id) => `service-record:${id}:${kind}`)))),
  );
const recordOf = async (id: string) => (await inCity(p, 'alpha', (tx, t) => tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, id)))))[0]!;
const pageIdsOf = (html: string) => [...html.matchAll(/name="page_id" value="([^"]+)"/g)].map((m) => m[1]!);
const followed = async (client: TestClient, res: Response) => mainOf(await client.follow(res));

describe(`verifying service records (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('verifies three pending records in one batch: three transfers, and the volunteer’s balance is their sum', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const ids = [
      await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 }),
      await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90 }),
      await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 45 }),
    ];
    expect(await mainOf(await organiser.client.get(`/organisations/${orgId}`))).toContain(`/organisations/${orgId}/records`);
    const queue = await mainOf(await organiser.client.get(`/organisations/${orgId}/records`));
    expect(queue).toContain('待核实 (3)');
    expect(queue).toContain(`href="/organisations/${orgId}/export"`);
    expect(queue).toContain('王小明');
    expect(queue).toContain('1小时30分钟');
    for (const id of ids) expect(queue).toContain(`name="record_id" value="${id}"`);

    const res = await organiser.client.post(`/organisations/${orgId}/records/verify`, { record_id: ids, status: 'pending', page: '1' });
    expect(res.status).toBe(303);
    const after = await followed(organiser.client, res);
    expect(after).toContain('已核实 3 条，共 3小时15分钟。');
    expect(after).toContain('已核实 (3)');
    expect(after).toContain('待核实 (0)');
    expect(await transfersFor(ids)).toHaveLength(3);
    expect(await balanceOf(volunteer.id)).toBe(195);
    const hours = await mainOf(await volunteer.client.get('/volunteer/hours'));
    expect(hours).toContain('3小时15分钟');
    expect(hours).toContain('/volunteer/certificates');
    expect(hours).toContain('我的服务证明');
    expect(hours).toContain('href="/volunteer/export"');
  });

  it('skips a record verified meanwhile when verifying all on the page, and never posts it twice', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const first = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 30 });
    const second = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 40 });
    const pageIds = pageIdsOf(await organiser.client.get(`/organisations/${orgId}/records`).then((r) => r.text()));
    expect(pageIds.sort()).toEqual([first, second].sort());
    await verify(p, 'alpha', orgId, organiser.id, [first]); // another organiser was quicker

    const res = await organiser.client.post(`/organisations/${orgId}/records/verify`, { page_id: pageIds, all_on_page: '1', status: 'pending', page: '1' });
    const after = await followed(organiser.client, res);
    expect(after).toContain('已核实 1 条，共 40分钟。');
    expect(after).toContain('另有 1 条已不是待核实状态，已跳过。');
    expect(await transfersFor([first])).toHaveLength(1);
    expect(await transfersFor([second])).toHaveLength(1);
    expect(await balanceOf(volunteer.id)).toBe(70);

    const nothing = await followed(organiser.client, await organiser.client.post(`/organisations/${orgId}/records/verify`, { status: 'pending' }));
    expect(nothing).toContain('请先勾选要核实的记录。');
  });

  it('pages the queue twenty at a time, and "all on this page" verifies only that page', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i, 2));
    for (let i = 0; i < 21; i++) await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 10, startedAt: day(i) });
    const first = await organiser.client.get(`/organisations/${orgId}/records?status=pending`).then((r) => r.text());
    expect(pageIdsOf(first)).toHaveLength(20);
    expect(first).toContain('待核实 (21)');
    expect(first).toContain('2026/01/01'); // oldest first: the longest waiting comes first
    expect(first).toContain('status=pending&amp;page=2');
    const second = await organiser.client.get(`/organisations/${orgId}/records?status=pending&page=2`).then((r) => r.text());
    expect(pageIdsOf(second)).toHaveLength(1);
    expect(second).toContain('2026/01/21');
    const res = await organiser.client.post(`/organisations/${orgId}/records/verify`, { page_id: pageIdsOf(second), all_on_page: '1', status: 'pending', page: '2' });
    expect(res.headers.get('location')).toBe(`/organisations/${orgId}/records?status=pending&page=2`);
    expect(await followed(organiser.client, res)).toContain('已核实 1 条，共 10分钟。');
    expect(await balanceOf(volunteer.id)).toBe(10);
  });

  it('posts a corrected duration, keeps the claimed one visible, and refuses a duration out of range beside the field', async () => {
    const { organiser, projectId, volunteer } = await setup();
    const id = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 120, content: '陪老人下棋' });
    for (const [form, field, message] of [
      [{ hours: '25', minutes: '0' }, 'hours', '时长不能超过 24 小时。'],
      [{ hours: '0', minutes: '0' }, 'minutes', '时长至少 1 分钟。'],
      [{ hours: '1', minutes: '75' }, 'minutes', '分钟须为 0 到 59 的整数。'],
      [{ hours: 'abc', minutes: '' }, 'hours', '请填写整数。'],
    ] as const) {
      const bad = await organiser.client.post(`/records/${id}/verify`, form);
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(fieldError(html, field)).toBe(message);
      expect(html).toContain(`value="${form[field]}"`);
    }
    expect((await recordOf(id)).status).toBe('pending');
    expect(await balanceOf(volunteer.id)).toBe(0);

    const ok = await organiser.client.post(`/records/${id}/verify`, { hours: '1', minutes: '30' });
    expect(ok.status).toBe(303);
    const page = await followed(organiser.client, ok);
    expect(page).toContain('已核实，计入 1小时30分钟。');
    expect(page).toContain('申报时长');
    expect(page).toContain('2小时');
    expect(page).toContain('陪老人下棋');
    expect(page).toContain('组织者');
    expect(await balanceOf(volunteer.id)).toBe(90);
    expect((await transfersFor([id]))[0]!.amount).toBe(90);
    expect(await mainOf(await volunteer.client.get('/volunteer/hours'))).toContain('申报 <span class="duration">2小时</span>');

    const again = await followed(organiser.client, await organiser.client.post(`/records/${id}/verify`, { hours: '', minutes: '' }));
    expect(again).toContain('这条记录已不是待核实状态。');
    expect(await transfersFor([id])).toHaveLength(1);
  });

  it('rejects only with a reason, and the volunteer reads the reason on their hours', async () => {
    const { organiser, projectId, volunteer } = await setup();
    const id = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 });
    const bad = await organiser.client.post(`/records/${id}/reject`, { rejection_reason: '  ' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'rejection_reason')).toBe('此项必填。');
    expect((await recordOf(id)).status).toBe('pending');

    const ok = await followed(organiser.client, await organiser.client.post(`/records/${id}/reject`, { rejection_reason: '当天未到场签到' }));
    expect(ok).toContain('已标记为不通过');
    const hours = await mainOf(await volunteer.client.get('/volunteer/hours'));
    expect(hours).toContain('<span class="badge off">未通过</span>');
    expect(hours).toContain('当天未到场签到');
    expect(hours).toContain(`/records/${id}`);
    expect(await balanceOf(volunteer.id)).toBe(0);
  });

  it('revokes a verified record with a reason: the reversal brings the balance back down and the record says 已撤销', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const id = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 100 });
    const other = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 50 });
    await verify(p, 'alpha', orgId, organiser.id, [id, other]);
    expect(await balanceOf(volunteer.id)).toBe(150);
    expect(await mainOf(await organiser.client.get(`/records/${id}`))).toContain('撤销后将从志愿者的服务时长中扣回 1小时40分钟');

    const bad = await organiser.client.post(`/records/${id}/revoke`, { revocation_reason: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'revocation_reason')).toBe('此项必填。');
    expect(await balanceOf(volunteer.id)).toBe(150);

    const page = await followed(organiser.client, await organiser.client.post(`/records/${id}/revoke`, { revocation_reason: '抽查发现重复申报' }));
    expect(page).toContain('<span class="badge off">已撤销</span>');
    expect(page).toContain('抽查发现重复申报');
    expect(await balanceOf(volunteer.id)).toBe(50);
    const [reversal] = await transfersFor([id], 'revoked');
    expect(reversal!.reversesId).toBe((await recordOf(id)).transferId);

    // A city admin oversees every record of the city: sees it read-only in the queue and may revoke.
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const queue = await mainOf(await admin.client.get(`/organisations/${orgId}/records?status=verified`));
    expect(queue).toContain('您以城市管理员身份查看');
    expect(queue).not.toContain('name="record_id"');
    expect((await admin.client.post(`/organisations/${orgId}/records/verify`, { record_id: [other] })).status).toBe(403);
    await admin.client.post(`/records/${other}/revoke`, { revocation_reason: '城市抽查不合格' });
    expect((await recordOf(other)).status).toBe('revoked');
    expect(await balanceOf(volunteer.id)).toBe(0);
    const hours = await mainOf(await volunteer.client.get('/volunteer/hours'));
    expect(hours).toContain('城市抽查不合格');
  });

  it('pages through a volunteer’s own records, newest service first, counting every state', async () => {
    const { projectId, volunteer } = await setup('分页记录');
    // 22 records, one a day; two of them rejected.
    for (let day = 1; day <= 22; day++) {
      await serviceRecord(p, 'alpha', volunteer.id, projectId, { startedAt: new Date(Date.now() - day * 86_400_000), content: `第${day}天` });
    }
    await inCity(p, 'alpha', (tx, t) =>
      tx.update(serviceRecords).set({ status: 'rejected', rejectionReason: '重复申报' }).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.volunteerUserId, volunteer.id), inArray(serviceRecords.content, ['第1天', '第22天']))),
    );
    const recordLinks = (html: string) => [...html.matchAll(/href="\/records\/([^"]+)"/g)].length;
    const first = await mainOf(await volunteer.client.get('/volunteer/hours'));
    expect(first).toContain('第 1 / 2 页');
    expect(recordLinks(first)).toBe(20);
    const second = await mainOf(await volunteer.client.get('/volunteer/hours?page=2'));
    expect(second).toContain('第 2 / 2 页');
    expect(recordLinks(second)).toBe(2);
    // The oldest service is last, on the second page.
    expect(second).toContain('重复申报');
  });

  it('evaluates a verified record 1–5 only, the refusal beside the field', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const id = await serviceRecord(p, 'alpha', volunteer.id, projectId);
    await verify(p, 'alpha', orgId, organiser.id, [id]);
    for (const rating of ['0', '6', '']) {
      const bad = await organiser.client.post(`/records/${id}/evaluate`, { rating, comment: '很认真' });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(fieldError(html, 'rating')).toBe('请选择 1 到 5 星。');
      expect(html).toContain('很认真');
    }
    expect((await recordOf(id)).rating).toBeNull();
    const tooLong = await organiser.client.post(`/records/${id}/evaluate`, { rating: '4', comment: '好'.repeat(501) });
    expect(fieldError(await tooLong.text(), 'comment')).toBe('内容太长了，请精简。');

    const page = await followed(organiser.client, await organiser.client.post(`/records/${id}/evaluate`, { rating: '4', comment: '很认真，老人很喜欢' }));
    expect(page).toContain('评价已保存');
    expect(page).toContain('4 星（满分 5 星）');
    expect(await mainOf(await volunteer.client.get(`/records/${id}`))).toContain('很认真，老人很喜欢');
    expect((await volunteer.client.post(`/records/${id}/evaluate`, { rating: '5', comment: '' })).status).toBe(403);
  });

  it('carries a dispute and its answer between the volunteer and the organiser', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const id = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 });
    const pending = await mainOf(await volunteer.client.get(`/records/${id}`));
    expect(pending).toContain('<span class="badge off">待核实</span>');
    expect(pending).not.toContain('name="dispute_reason"');
    await verify(p, 'alpha', orgId, organiser.id, [id]);

    const mine = await mainOf(await volunteer.client.get(`/records/${id}`));
    expect(mine).toContain('name="dispute_reason"');
    expect(mine).not.toContain(`/records/${id}/verify`);
    const bad = await volunteer.client.post(`/records/${id}/dispute`, { dispute_reason: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'dispute_reason')).toBe('此项必填。');
    const sent = await followed(volunteer.client, await volunteer.client.post(`/records/${id}/dispute`, { dispute_reason: '实际服务了 3 小时' }));
    expect(sent).toContain('异议已提交');
    expect(sent).toContain('实际服务了 3 小时');
    expect(sent).toContain('等待组织答复');
    expect(sent).not.toContain('name="dispute_reason"');
    const twice = await followed(volunteer.client, await volunteer.client.post(`/records/${id}/dispute`, { dispute_reason: '再说一次' }));
    expect(twice).toContain('现在不能提出异议');
    expect((await volunteer.client.post(`/records/${id}/answer`, { answer: '自己答复' })).status).toBe(403);
    expect((await organiser.client.post(`/records/${id}/dispute`, { dispute_reason: '不是我的' })).status).toBe(403);

    expect(await mainOf(await organiser.client.get(`/organisations/${orgId}/records?status=disputed`))).toContain('有异议 (1)');
    const noAnswer = await organiser.client.post(`/records/${id}/answer`, { answer: ' ' });
    expect(noAnswer.status).toBe(400);
    expect(fieldError(await noAnswer.text(), 'answer')).toBe('此项必填。');
    await organiser.client.post(`/records/${id}/answer`, { answer: '签退记录显示 1 小时，请联系社工核对' });
    const answered = await mainOf(await volunteer.client.get(`/records/${id}`));
    expect(answered).toContain('签退记录显示 1 小时，请联系社工核对');
    expect(answered).toContain('name="dispute_reason"'); // answered: a new dispute may follow
    expect(await mainOf(await organiser.client.get(`/organisations/${orgId}/records?status=disputed`))).toContain('有异议 (0)');
  });

  it('shows a volunteer without a profile how to become one, and sends the signed-out to sign in', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const page = await mainOf(await admin.client.get('/volunteer/hours'));
    expect(page).toContain('您还没有志愿者档案');
    expect(page).toContain('/volunteer/profile');
    expect(page).toContain('/projects');
    const { volunteer } = await setup();
    expect(await mainOf(await volunteer.client.get('/volunteer/hours'))).not.toContain('您还没有志愿者档案');
    const anonymous = await p.app.request('http://alpha.localhost/volunteer/hours');
    expect(anonymous.status).toBe(303);
  });

  it('refuses the queue and records to a volunteer and to another organisation’s organiser (403), and to beta (404)', async () => {
    const { organiser, orgId, projectId, volunteer } = await setup();
    const pendingId = await serviceRecord(p, 'alpha', volunteer.id, projectId);
    const verifiedId = await serviceRecord(p, 'alpha', volunteer.id, projectId);
    await verify(p, 'alpha', orgId, organiser.id, [verifiedId]);
    const otherOrganiser = (await setup('别的项目')).organiser;
    const plainVolunteer = await signedIn(p, 'alpha', 'vol@alpha.test');
    const betaAdmin = await signedIn(p, 'beta', 'admin@beta.test');
    const betaVolunteer = await signedIn(p, 'beta', 'vol@beta.test');
    const actions = {
      verify: { hours: '1', minutes: '0' },
      reject: { rejection_reason: '越权' },
      revoke: { revocation_reason: '越权' },
      evaluate: { rating: '1', comment: '' },
      answer: { answer: '越权' },
      dispute: { dispute_reason: '越权' },
    };
    const attempts = async (client: TestClient) => [
      (await client.get(`/organisations/${orgId}/records`)).status,
      (await client.get(`/organisations/${orgId}/records?status=verified&page=2`)).status,
      (await client.post(`/organisations/${orgId}/records/verify`, { record_id: [pendingId] })).status,
      (await client.get(`/records/${pendingId}`)).status,
      (await client.get(`/records/${verifiedId}`)).status,
      ...(await Promise.all(Object.entries(actions).map(async ([a, form]) => (await client.post(`/records/${a === 'verify' || a === 'reject' ? pendingId : verifiedId}/${a}`, form)).status))),
    ];
    for (const client of [plainVolunteer.client, otherOrganiser.client]) expect(new Set(await attempts(client))).toEqual(new Set([403]));
    for (const client of [betaAdmin.client, betaVolunteer.client]) expect(new Set(await attempts(client))).toEqual(new Set([404]));
    expect((await organiser.client.get('/records/not-an-id')).status).toBe(404);
    expect((await recordOf(pendingId)).status).toBe('pending');
    expect((await recordOf(verifiedId)).status).toBe('verified');
    expect((await recordOf(verifiedId)).disputeReason).toBeNull();
    expect(await balanceOf(volunteer.id)).toBe(120);
  });

  it('does not let an organiser verify their own service', async () => {
    const { organiser, orgId, projectId } = await setup();
    const own = await serviceRecord(p, 'alpha', organiser.id, projectId, { minutes: 60 });
    expect(await mainOf(await organiser.client.get(`/records/${own}`))).not.toContain(`/records/${own}/verify`);
    expect((await organiser.client.post(`/records/${own}/verify`, { hours: '', minutes: '' })).status).toBe(403);
    const batch = await followed(organiser.client, await organiser.client.post(`/organisations/${orgId}/records/verify`, { record_id: [own] }));
    expect(batch).toContain('1 条是您本人的服务，须由其他核实人核实，已跳过。');
    expect(batch).not.toContain('已不是待核实状态');
    expect((await recordOf(own)).status).toBe('pending');
  });
});
