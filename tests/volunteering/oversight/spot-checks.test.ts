import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { spotCheckItems, spotChecks } from '../../../core/volunteering/oversight/schema.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { drawSpotCheck } from '../../../core/volunteering/oversight/spot-checks.ts';
import { parseLocalDateTime } from '../../../core/volunteering/shared/time.ts';
import { revokeRecord } from '../../../core/volunteering/records/verification.ts';
import { describeBrowser, launchChromium, startBrowserPlatform, watchForProblems } from '../../support/browser.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, organisation, origin, project, serviceRecord, signedIn, verify, eventsOf } from '../fixtures.ts';

let p: TestPlatform;
let admin: Awaited<ReturnType<typeof signedIn>>;
let orgId: string;
let organiserId: string;

/** Fixed ids, so the order a seed gives is known in advance (checked with node:crypto below). */
const fixedId = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const MARCH = { from: '2023-03-01', to: '2023-03-31' };
/** Records 1–12: verified in March 2023 (China time), the first and last minute of the month included. */
const population = Array.from({ length: 12 }, (_, i) => fixedId(i + 1));
const SEED_A = '2023年3月抽查';
const SEED_B = 'another-seed';

/** The definition the page promises: order by SHA-256(seed + ':' + id), take the first n. */
const expectedSample = (seed: string, n: number) =>
  population
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}:${id}`).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, n)
    .map((r) => r.id);

async function record(volunteerId: string, projectId: string, n: number, at: string, minutes: number) {
  const id = await serviceRecord(p, 'alpha', volunteerId, projectId, { startedAt: parseLocalDateTime(at)!, minutes });
  await inCity(p, 'alpha', (tx, t) => tx.update(serviceRecords).set({ id: fixedId(n) }).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, id))));
  return fixedId(n);
}

const checksOf = (slug: string) => inCity(p, slug, async (tx, t) => (await tx.select({ n: count() }).from(spotChecks).where(eq(spotChecks.tenantId, t)))[0]!.n);
const itemsOf = (checkId: string) =>
  inCity(p, 'alpha', (tx, t) =>
    tx.select().from(spotCheckItems).where(and(eq(spotCheckItems.tenantId, t), eq(spotCheckItems.spotCheckId, checkId))).orderBy(asc(spotCheckItems.position)),
  );
const checkIdFrom = (res: Response) => /\/admin\/spot-checks\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';

async function draw(seed: string, sampleSize = 5, client = admin.client) {
  const res = await client.post('/admin/spot-checks', { ...MARCH, sample_size: String(sampleSize), seed });
  expect(res.status).toBe(303);
  return checkIdFrom(res);
}

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await signedIn(p, 'alpha', 'admin@alpha.test');
  const organiser = await citizen(p, 'alpha', '组织者');
  organiserId = organiser.id;
  orgId = await organisation(p, 'alpha', organiser.id, '抽查测试服务队');
  const projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
  const volunteers = await Promise.all([citizen(p, 'alpha', '王小明', { profile: true }), citizen(p, 'alpha', '李小红', { profile: true })]);
  const days = ['2023-03-01T00:00', '2023-03-31T23:59', ...Array.from({ length: 10 }, (_, i) => `2023-03-${String(i + 10).padStart(2, '0')}T09:00`)];
  const ids = [];
  for (const [i, at] of days.entries()) ids.push(await record(volunteers[i % 2]!.id, projectId, i + 1, at, 30 + i * 10));
  // Outside the period by a minute on each side, and verified; then two pending records inside it.
  ids.push(await record(volunteers[0]!.id, projectId, 13, '2023-02-28T23:59', 60));
  ids.push(await record(volunteers[0]!.id, projectId, 14, '2023-04-01T00:00', 60));
  expect((await verify(p, 'alpha', orgId, organiser.id, ids)).verified).toHaveLength(14);
  await record(volunteers[1]!.id, projectId, 15, '2023-03-15T09:00', 60);
  await record(volunteers[1]!.id, projectId, 16, '2023-03-16T09:00', 60);
});
afterAll(() => p.close());

describe(`spot checks (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('draws a sample from the verified records of the period, ordered by SHA-256(seed:id), and says it can be reproduced', async () => {
    const id = await draw(SEED_A);
    const items = await itemsOf(id);
    expect(items.map((i) => i.recordId)).toEqual(expectedSample(SEED_A, 5));
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5]);
    expect(items.every((i) => population.includes(i.recordId) && i.outcome === 'unchecked')).toBe(true);
    const [check] = await inCity(p, 'alpha', (tx, t) => tx.select().from(spotChecks).where(and(eq(spotChecks.tenantId, t), eq(spotChecks.id, id))));
    expect(check).toMatchObject({ periodFrom: '2023-03-01', periodTo: '2023-03-31', seed: SEED_A, sampleSize: 5, population: 12 });
    const res = await admin.client.get(`/admin/spot-checks/${id}`);
    expect(res.status).toBe(200);
    const page = await mainOf(res);
    expect(page).toContain('用相同的种子和期间可复现此样本');
    expect(page).toContain(SEED_A);
    expect(page).toContain('2023/03/01 至 2023/03/31');
    expect(page).toContain('抽查测试服务队');
    expect(page).toContain('社区助老');
    expect(page.match(/<tr id="item-\d+"/g)).toHaveLength(5);
    for (const recordId of expectedSample(SEED_A, 5)) expect(page).toContain(`href="/records/${recordId}"`);
    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.target, `spot_check:${id}`))));
    expect(audit.map((a) => a.action)).toEqual(['spot_check.drawn']);
  });

  it('draws the same records in the same order with the same seed and period, and another order with another seed', async () => {
    const first = (await itemsOf(await draw(SEED_A))).map((i) => i.recordId);
    const again = (await itemsOf(await draw(SEED_A))).map((i) => i.recordId);
    const other = (await itemsOf(await draw(SEED_B))).map((i) => i.recordId);
    expect(again).toEqual(first);
    expect(other).toEqual(expectedSample(SEED_B, 5));
    // Checked when the test was written: these seeds give records 2,10,11,4,6 and 5,4,1,6,10.
    expect(first).toEqual([2, 10, 11, 4, 6].map(fixedId));
    expect(other).toEqual([5, 4, 1, 6, 10].map(fixedId));
  });

  it('takes the whole population when the sample size is larger, and makes a seed when none is given', async () => {
    const id = await draw('', 500);
    const items = await itemsOf(id);
    expect(items.map((i) => i.recordId).sort()).toEqual([...population].sort());
    const [check] = await inCity(p, 'alpha', (tx, t) => tx.select().from(spotChecks).where(and(eq(spotChecks.tenantId, t), eq(spotChecks.id, id))));
    expect(check!.seed).toMatch(/^[0-9a-f]{12}$/);
    expect(check!.sampleSize).toBe(12);
    expect(items.map((i) => i.recordId)).toEqual(expectedSample(check!.seed, 12));
    expect(await mainOf(await admin.client.get(`/admin/spot-checks/${id}`))).toContain(check!.seed);
  });

  it('refuses bad input beside the field, keeps what was typed and creates nothing', async () => {
    const before = await checksOf('alpha');
    const zero = await admin.client.post('/admin/spot-checks', { ...MARCH, sample_size: '0', seed: 'x' });
    expect(zero.status).toBe(400);
    const zeroPage = await zero.text();
    expect(fieldError(zeroPage, 'sample_size')).toBe('样本量须为 1 到 500 之间的整数。');
    expect(zeroPage).toContain('value="2023-03-01"');
    const big = await admin.client.post('/admin/spot-checks', { ...MARCH, sample_size: '501', seed: '' });
    expect(fieldError(await big.text(), 'sample_size')).toBe('样本量须为 1 到 500 之间的整数。');
    const backwards = await admin.client.post('/admin/spot-checks', { from: '2023-03-31', to: '2023-03-01', sample_size: '5', seed: '' });
    expect(backwards.status).toBe(400);
    expect(fieldError(await backwards.text(), 'to')).toBe('结束日期不能早于开始日期。');
    const missing = await admin.client.post('/admin/spot-checks', { from: '', to: '2023-02-30', sample_size: 'five', seed: 'x'.repeat(65) });
    const missingPage = await missing.text();
    expect(fieldError(missingPage, 'from')).toBe('此项必填。');
    expect(fieldError(missingPage, 'to')).toBe('请按 年-月-日 填写日期。');
    expect(fieldError(missingPage, 'sample_size')).toBe('样本量须为 1 到 500 之间的整数。');
    expect(fieldError(missingPage, 'seed')).toBe('随机种子最多 64 个字符。');
    expect(await checksOf('alpha')).toBe(before);
  });

  it('says so when the period has no verified records, and creates nothing', async () => {
    const before = await checksOf('alpha');
    const res = await admin.client.post('/admin/spot-checks', { from: '2022-01-01', to: '2022-01-31', sample_size: '5', seed: '' });
    expect(res.status).toBe(400);
    expect(await mainOf(res)).toContain('这段期间内没有已核验的服务记录，未创建抽查。');
    expect(await checksOf('alpha')).toBe(before);
  });

  it('marks records confirmed or problem without JavaScript, refusing a problem without a note, and the report counts them', async () => {
    const id = await draw(SEED_A);
    const [one, two, three] = await itemsOf(id);
    const mark = (recordId: string, form: Record<string, string>) => admin.client.post(`/admin/spot-checks/${id}/items/${recordId}`, form);

    const refused = await mark(two!.recordId, { outcome: 'problem', note: '  ' });
    expect(refused.status).toBe(400);
    expect(fieldError(await refused.text(), 'note-2')).toBe('标记为有问题时，请写明问题所在。');
    expect((await itemsOf(id))[1]).toMatchObject({ outcome: 'unchecked', note: '', checkedBy: null });

    const confirmed = await mark(one!.recordId, { outcome: 'confirmed', note: '' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/admin/spot-checks/${id}#item-1`);
    expect(await mainOf(await admin.client.get(confirmed.headers.get('location')!))).toContain('第 1 条已确认无误。');
    expect((await mark(two!.recordId, { outcome: 'problem', note: '电话回访：志愿者当天未到场' })).status).toBe(303);
    expect((await itemsOf(id)).map((i) => i.outcome)).toEqual(['confirmed', 'problem', 'unchecked', 'unchecked', 'unchecked']);

    const report = await admin.client.get(`/admin/spot-checks/${id}/report`);
    expect(report.status).toBe(200);
    const text = await mainOf(report);
    expect(text).toContain(SEED_A);
    expect(text).toMatch(/已确认<\/dt>\s*<dd>1 \/ 5/);
    expect(text).toMatch(/有问题<\/dt>\s*<dd>1 \/ 5/);
    expect(text).toMatch(/未核查<\/dt>\s*<dd>3 \/ 5/);
    expect(text).toContain('50%（已核查 2 条中 1 条有问题）');
    expect(text).toContain('电话回访：志愿者当天未到场');
    expect(text).toContain('甲管理');
    // Records 2,10,11,4,6 last 40,120,130,60,80 minutes (30 + 10 per record after the first).
    expect(text).toContain('7小时10分钟');

    // A third mark from another angle: a problem found, then changed to confirmed after a second look.
    await mark(three!.recordId, { outcome: 'problem', note: '时长存疑' });
    await mark(three!.recordId, { outcome: 'confirmed', note: '复核后无误' });
    const list = await mainOf(await admin.client.get('/admin/spot-checks'));
    expect(list).toContain('已确认 2 · 有问题 1 · 未核查 2');
    const afterReview = await mainOf(await admin.client.get(`/admin/spot-checks/${id}/report`));
    expect(afterReview).toContain('33%（已核查 3 条中 1 条有问题）');
    expect(afterReview).not.toContain('时长存疑');
    const audit = await inCity(p, 'alpha', (tx, t) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.target, `spot_check:${id}`), eq(auditLog.action, 'spot_check.item_checked'))),
    );
    expect(audit).toHaveLength(4);
  });

  it('with htmx, swaps only the marked row (and the tally), and sends the row back with the error when refused', async () => {
    const id = await draw(SEED_B);
    const [first] = await itemsOf(id);
    const htmx = { 'hx-request': 'true' };
    const refused = await admin.client.post(`/admin/spot-checks/${id}/items/${first!.recordId}`, { outcome: 'problem', note: '' }, htmx);
    expect(refused.status).toBe(400);
    const refusedRow = await refused.text();
    expect(refusedRow.startsWith('<tr id="item-1"')).toBe(true);
    expect(refusedRow).not.toContain('<html');
    expect(fieldError(refusedRow, 'note-1')).toBe('标记为有问题时，请写明问题所在。');

    const ok = await admin.client.post(`/admin/spot-checks/${id}/items/${first!.recordId}`, { outcome: 'problem', note: '签到地点不符' }, htmx);
    expect(ok.status).toBe(200);
    const row = await ok.text();
    expect(row.startsWith('<tr id="item-1"')).toBe(true);
    expect(row).not.toContain('<main');
    expect(row).toContain('签到地点不符');
    expect(row).toContain('hx-target="#spot-check-summary"');
    expect(row).toContain('100%（已核查 1 条中 1 条有问题）');
    expect((await itemsOf(id))[0]).toMatchObject({ outcome: 'problem', note: '签到地点不符' });
  });

  it('flags a sampled record revoked since the draw', async () => {
    const id = await draw(SEED_B);
    const [first] = await itemsOf(id);
    const revoked = await inCity(p, 'alpha', (tx, t) =>
      revokeRecord(tx, t, orgId, first!.recordId, '抽查发现未到场', { deciderId: organiserId, address: null }, eventsOf(p, 'alpha')),
    );
    expect(revoked.ok).toBe(true);
    const page = await mainOf(await admin.client.get(`/admin/spot-checks/${id}`));
    const row = /<tr id="item-1"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    expect(row).toContain('已撤销');
    expect(row).toContain('抽样后已撤销');
    expect(await mainOf(await admin.client.get(`/admin/spot-checks/${id}/report`))).toContain('其中 1 条在抽样后已撤销');
  });

  it('lists the city’s checks newest first with who drew them and their progress, 20 to a page', async () => {
    const drawnAt = (day: number) => new Date(Date.UTC(2024, 0, day, 2));
    for (let day = 1; day <= 21; day++) {
      const input = { from: '2023-03-01', to: '2023-03-11', sampleSize: 3, seed: `page-${day}`, createdBy: admin.id };
      await inCity(p, 'alpha', (tx, t) => drawSpotCheck(tx, t, input, drawnAt(day)));
    }
    const total = await checksOf('alpha');
    const first = await mainOf(await admin.client.get('/admin/spot-checks'));
    expect(first.match(/<a href="\/admin\/spot-checks\/[0-9a-f-]{36}">/g)).toHaveLength(20);
    expect(first).toContain('2023/03/01 至 2023/03/11');
    expect(first).toContain('甲管理');
    expect(first).toContain('3 / 3'); // records 1, 3 and 4 fall in 1–11 March
    expect(first).toContain('已确认 0 · 有问题 0 · 未核查 3');
    expect(first).toContain(`第 1 / ${Math.ceil(total / 20)} 页`);
    const last = await mainOf(await admin.client.get(`/admin/spot-checks?page=${Math.ceil(total / 20)}`));
    expect(last).toContain('2024/01/01 10:00'); // the oldest, drawn 02:00 UTC
  });

  it('is for city admins only: a volunteer gets 403, another city’s admin 404, a visitor the sign-in page', async () => {
    const id = await draw(SEED_A);
    const [item] = await itemsOf(id);
    const volunteer = await signedIn(p, 'alpha', 'vol@alpha.test');
    const before = await checksOf('alpha');
    expect((await volunteer.client.get('/admin/spot-checks')).status).toBe(403);
    expect((await volunteer.client.post('/admin/spot-checks', { ...MARCH, sample_size: '5', seed: '' })).status).toBe(403);
    expect((await volunteer.client.get(`/admin/spot-checks/${id}`)).status).toBe(403);
    expect((await volunteer.client.get(`/admin/spot-checks/${id}/report`)).status).toBe(403);
    expect((await volunteer.client.post(`/admin/spot-checks/${id}/items/${item!.recordId}`, { outcome: 'confirmed', note: '' })).status).toBe(403);
    expect(await checksOf('alpha')).toBe(before);

    const beta = await signedIn(p, 'beta', 'admin@beta.test');
    expect((await beta.client.get('/admin/spot-checks')).status).toBe(200);
    expect((await beta.client.get(`/admin/spot-checks/${id}`)).status).toBe(404);
    expect((await beta.client.get(`/admin/spot-checks/${id}/report`)).status).toBe(404);
    expect((await beta.client.post(`/admin/spot-checks/${id}/items/${item!.recordId}`, { outcome: 'confirmed', note: '' })).status).toBe(404);
    expect(await mainOf(await beta.client.get('/admin/spot-checks'))).not.toContain('2023/03/01');
    // Alpha's records are not beta's population either.
    expect((await beta.client.post('/admin/spot-checks', { ...MARCH, sample_size: '5', seed: '' })).status).toBe(400);
    expect(await checksOf('beta')).toBe(0);
    expect((await itemsOf(id))[0]!.outcome).toBe('unchecked');

    expect((await admin.client.get('/admin/spot-checks/not-an-id')).status).toBe(404);
    expect((await admin.client.post(`/admin/spot-checks/${id}/items/${fixedId(13)}`, { outcome: 'confirmed', note: '' })).status).toBe(404);

    const visitor = await new TestClient(p.app, origin('alpha')).get(`/admin/spot-checks/${id}`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toContain('/sign-in?next=');
  });
});

describeBrowser(`spot checks in a browser (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('with htmx, marking swaps the row and the tally in place, and a refusal shows beside the note without leaving the page', async () => {
    const bp = await startBrowserPlatform();
    const browser = await launchChromium();
    try {
      const q = bp.platform;
      const organiser = await citizen(q, 'alpha', '组织者');
      const org = await organisation(q, 'alpha', organiser.id);
      const projectId = await project(q, 'alpha', org, organiser.id);
      const helper = await citizen(q, 'alpha', '赵志愿', { profile: true });
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await serviceRecord(q, 'alpha', helper.id, projectId, { startedAt: parseLocalDateTime(`2023-03-0${i + 1}T09:00`)! }));
      await verify(q, 'alpha', org, organiser.id, ids);
      const adminId = (await signedIn(q, 'alpha', 'admin@alpha.test')).id;
      const drawn = await inCity(q, 'alpha', (tx, t) => drawSpotCheck(tx, t, { ...MARCH, sampleSize: 3, seed: 'browser', createdBy: adminId }));
      if (!drawn.ok) throw new Error('nothing drawn');

      const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' })).newPage();
      const problems = watchForProblems(page);
      const base = bp.baseUrl('alpha');
      await page.goto(`${base}/sign-in`);
      await page.locator('main input[name="login"]').fill('admin@alpha.test');
      await page.locator('main input[name="password"]').fill('password-123');
      await Promise.all([page.waitForEvent('load'), page.locator('main form[action$="/sign-in"] button[type="submit"]').click()]);
      await page.goto(`${base}/admin/spot-checks/${drawn.id}`);
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

      await page.getByRole('button', { name: '标记有问题 2' }).click();
      await expect.poll(() => page.locator('#f-note-2-error').textContent()).toBe('标记为有问题时，请写明问题所在。');

      await page.locator('#f-note-1').fill('服务对象说当天没有见到志愿者');
      await page.getByRole('button', { name: '标记有问题 1' }).click();
      await expect.poll(() => page.locator('#item-1 .badge.off').last().textContent()).toBe('有问题');
      await expect.poll(() => page.locator('#spot-check-summary').innerText()).toContain('100%');
      expect(await page.locator('#item-2').innerText()).toContain('未核查');
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      // Chromium logs the deliberate 400 of the refused mark; nothing else may go wrong.
      expect(problems.filter((m) => !m.includes('status of 400'))).toEqual([]);
    } finally {
      await browser.close();
      await bp.close();
    }
  });
});
