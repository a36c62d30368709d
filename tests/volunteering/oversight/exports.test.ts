import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { newId } from '../../../core/db/ids.ts';
import { addMember } from '../../../core/volunteering/volunteers/members.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

/** China time typed as `2026-03-05 09:30` → the instant. */
const china = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);

const HEADINGS =
  '志愿者统一编号,志愿者姓名,志愿服务组织名称,志愿服务项目名称,志愿服务活动名称,志愿服务类别,服务开始时间,服务结束时间,服务时长（小时）,服务时长（分钟）,服务内容,服务评价,记录状态,核实时间';

/** The file as bytes and as lines (the BOM kept apart: `Response.text()` would drop it silently). */
async function csvOf(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bom = text.startsWith('\uFEFF');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines.at(-1)).toBe(''); // every row ends with CRLF
  return { bom, header: lines[0], rows: lines.slice(1, -1) };
}

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let zhang: Awaited<ReturnType<typeof citizen>>;
let li: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
let zhangNumber: string;
const contents = { first: '陪伴, "老人"\n聊天', second: '=SUM(A1)', april: '四月的服务', pending: '待核实的服务', otherOrg: '别的组织的服务' };

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '甲社工中心');
  const elder = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴', category: 'elder_care' });
  zhang = await citizen(p, 'alpha', '张三', { profile: true });
  li = await citizen(p, 'alpha', '李四', { profile: true });
  const otherOrganiser = await citizen(p, 'alpha', '另一组织者');
  const otherOrg = await organisation(p, 'alpha', otherOrganiser.id, '乐群志愿队');
  const otherProject = await project(p, 'alpha', otherOrg, otherOrganiser.id, { name: '河道清洁', category: 'environment' });

  const r1 = await serviceRecord(p, 'alpha', zhang.id, elder, { startedAt: china('2026-03-05 09:30'), minutes: 150, content: contents.first });
  const r2 = await serviceRecord(p, 'alpha', li.id, elder, { startedAt: china('2026-03-20 14:00'), minutes: 45, content: contents.second });
  const r3 = await serviceRecord(p, 'alpha', zhang.id, elder, { startedAt: china('2026-04-01 00:00'), minutes: 60, content: contents.april });
  await serviceRecord(p, 'alpha', zhang.id, elder, { startedAt: china('2026-03-10 08:00'), minutes: 30, content: contents.pending });
  await verify(p, 'alpha', orgId, organiser.id, [r1, r2, r3]);
  const r5 = await serviceRecord(p, 'alpha', zhang.id, otherProject, { startedAt: china('2026-03-15 10:00'), minutes: 90, content: contents.otherOrg });
  await verify(p, 'alpha', otherOrg, otherOrganiser.id, [r5]);
  zhangNumber = (await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, zhang.id)))))[0]!.volunteerNumber;
});
afterAll(() => p.close());

const march = (id: string, extra = '') => `/organisations/${id}/records.csv?from=2026-03-01&to=2026-03-31${extra}`;

describe(`Service-record CSV exports (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives an organisation its verified records of the period: BOM, standard headings, China times, hours and minutes, quoted text', async () => {
    const res = await organiser.client.get(march(orgId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const name = encodeURIComponent('服务记录-甲社工中心-2026-03-01-2026-03-31.csv');
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="service-records.csv"; filename*=UTF-8''${name}`);
    const csv = await csvOf(res);
    expect(csv.bom).toBe(true);
    expect(csv.header).toBe(HEADINGS);
    expect(csv.rows).toHaveLength(2); // not April's, not the pending one, not the other organisation's
    const [first, second] = csv.rows;
    // A comma, quotes and a line break survive as csv-stringify quotes them; Chinese text stays as typed.
    expect(first).toMatch(
      new RegExp(`^${zhangNumber},张三,甲社工中心,长者陪伴,,助老服务,2026-03-05 09:30,2026-03-05 12:00,2\\.50,150,"陪伴, ""老人""\\n聊天",,已核实,\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`),
    );
    // A cell that a spreadsheet would run as a formula is made inert.
    expect(second).toContain(",李四,甲社工中心,长者陪伴,,助老服务,2026-03-20 14:00,2026-03-20 14:45,0.75,45,'=SUM(A1),,已核实,");
    const text = csv.rows.join('\n');
    for (const c of [contents.april, contents.pending, contents.otherOrg]) expect(text).not.toContain(c);
  });

  it('adds pending records with status=all, labelled in Chinese and without a verification time', async () => {
    const csv = await csvOf(await organiser.client.get(march(orgId, '&status=all')));
    expect(csv.rows).toHaveLength(3);
    const pending = csv.rows.find((r) => r.includes(contents.pending))!;
    expect(pending).toMatch(/,2026-03-10 08:00,2026-03-10 08:30,0\.50,30,待核实的服务,,待核实,$/);
  });

  it('lets a social worker of the organisation and a city admin export it, but not a team lead; the export is audited', async () => {
    const worker = await citizen(p, 'alpha', '社工');
    const lead = await citizen(p, 'alpha', '队长');
    await inCity(p, 'alpha', async (tx, t) => {
      await addMember(tx, t, orgId, { email: worker.email, role: 'social_worker', actorId: organiser.id, address: null });
      await addMember(tx, t, orgId, { email: lead.email, role: 'team_lead', actorId: organiser.id, address: null });
    });
    expect((await csvOf(await worker.client.get(march(orgId)))).rows).toHaveLength(2);
    expect((await lead.client.get(march(orgId))).status).toBe(403);
    expect((await lead.client.get(`/organisations/${orgId}/export`)).status).toBe(403);
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    expect((await csvOf(await admin.client.get(march(orgId)))).rows).toHaveLength(2);
    const audited = await inCity(p, 'alpha', (tx, t) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'service_records.exported'), eq(auditLog.target, `organisation:${orgId}`))),
    );
    expect(audited.map((a) => a.actor)).toEqual(expect.arrayContaining([`user:${organiser.id}`, `user:${admin.id}`]));
  });

  it('gives a city admin every organisation of the city for the period', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const res = await admin.client.get('/admin/records.csv?from=2026-03-01&to=2026-03-31');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('服务记录-甲市-2026-03-01-2026-03-31.csv'));
    const csv = await csvOf(res);
    expect(csv.rows).toHaveLength(3);
    expect(csv.rows.join('\n')).toContain('乐群志愿队,河道清洁,,生态环保,2026-03-15 10:00');
    expect((await admin.client.get('/admin/export')).status).toBe(200);
  });

  it('gives a volunteer only their own records, from every organisation', async () => {
    const csv = await csvOf(await zhang.client.get('/volunteer/hours.csv'));
    expect(csv.rows).toHaveLength(3); // March, April and the other organisation's; not the pending one
    expect(csv.rows.every((r) => r.startsWith(`${zhangNumber},张三,`))).toBe(true);
    const period = await csvOf(await zhang.client.get('/volunteer/hours.csv?from=2026-04-01&to=2026-04-30'));
    expect(period.rows).toHaveLength(1);
    expect(period.rows[0]).toContain(contents.april);
    expect((await csvOf(await li.client.get('/volunteer/hours.csv'))).rows).toHaveLength(1);
  });

  it('answers bad or missing dates with the form and the errors beside the fields, downloading nothing', async () => {
    const res = await organiser.client.get(`/organisations/${orgId}/records.csv?from=2026-02-30&to=`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-disposition')).toBeNull();
    const html = await res.text();
    expect(fieldError(html, 'from')).toBe('请按 年-月-日 填写日期（如 2026-05-01）。');
    expect(fieldError(html, 'to')).toBe('请填写日期。');
    expect(html).toContain('value="2026-02-30"'); // what was typed stays
    const reversed = await organiser.client.get(march(orgId).replace('from=2026-03-01&to=2026-03-31', 'from=2026-03-31&to=2026-03-01'));
    expect(reversed.status).toBe(400);
    expect(fieldError(await reversed.text(), 'to')).toBe('结束日期不能早于开始日期。');
    const status = await organiser.client.get(march(orgId, '&status=everything'));
    expect(status.status).toBe(400);
    expect(fieldError(await status.text(), 'status')).toBe('请从列表中选择。');
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const city = await admin.client.get('/admin/records.csv');
    expect(city.status).toBe(400);
    expect(fieldError(await city.text(), 'from')).toBe('请填写日期。');
    const mine = await zhang.client.get('/volunteer/hours.csv?from=yesterday');
    expect(mine.status).toBe(400);
    expect(fieldError(await mine.text(), 'from')).toBe('请按 年-月-日 填写日期（如 2026-05-01）。');
  });

  it('offers the export forms with this month filled in', async () => {
    const form = await organiser.client.get(`/organisations/${orgId}/export`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`action="/organisations/${orgId}/records.csv"`);
    expect(html).toContain('method="get"');
    expect(html).toMatch(/name="from"[^>]*value="\d{4}-\d{2}-01"/);
    expect((await zhang.client.get('/volunteer/export')).status).toBe(200);
  });

  it('reads the own export form as separate sentences in English (no "started.Leave")', async () => {
    const html = await (await zhang.client.get('/volunteer/export', { 'accept-language': 'en' })).text();
    expect(html).toContain('when the service started. Leave the dates empty to export every record.');
    expect(html).not.toContain('started.Leave');
  });

  it('refuses a plain volunteer the organisation and city exports (403)', async () => {
    const vol = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await vol.client.get(march(orgId))).status).toBe(403);
    expect((await vol.client.get(`/organisations/${orgId}/export`)).status).toBe(403);
    expect((await vol.client.get('/admin/records.csv?from=2026-03-01&to=2026-03-31')).status).toBe(403);
    expect((await vol.client.get('/admin/export')).status).toBe(403);
  });

  it('does not know another city’s organisation (404), and a beta volunteer’s own export holds none of alpha', async () => {
    const beta = await signedIn(p, 'beta', 'admin@beta.test');
    expect((await beta.client.get(march(orgId))).status).toBe(404);
    expect((await beta.client.get(`/organisations/${orgId}/export`)).status).toBe(404);
    expect((await beta.client.get('/organisations/not-an-id/records.csv')).status).toBe(404);
    expect((await csvOf(await beta.client.get('/admin/records.csv?from=2026-03-01&to=2026-03-31'))).rows).toEqual([]);
    const betaVol = await signedIn(p, 'beta', 'vol@beta.test');
    expect((await csvOf(await betaVol.client.get('/volunteer/hours.csv'))).rows).toEqual([]);
  });

  it('writes a large organisation’s file page by page, every record once, in service order', async () => {
    const bigOrganiser = await citizen(p, 'alpha', '大组织者');
    const bigOrg = await organisation(p, 'alpha', bigOrganiser.id, '大型志愿者协会');
    const bigProject = await project(p, 'alpha', bigOrg, bigOrganiser.id, { name: '大项目' });
    const n = 2_345; // more than one page of 2,000
    const start = china('2026-05-01 08:00').getTime();
    await inCity(p, 'alpha', (tx, t) =>
      tx.insert(serviceRecords).values(
        Array.from({ length: n }, (_, i) => ({
          tenantId: t,
          id: newId(),
          volunteerUserId: zhang.id,
          organisationId: bigOrg,
          projectId: bigProject,
          source: 'claim' as const,
          status: 'pending' as const,
          // Pairs share a start time, so the order falls back to the id across the page boundary.
          startedAt: new Date(start + Math.floor(i / 2) * 60_000),
          endedAt: new Date(start + Math.floor(i / 2) * 60_000 + 30 * 60_000),
          minutes: 30,
          content: `第${i}次`,
          createdBy: zhang.id,
        })),
      ),
    );
    const csv = await csvOf(await bigOrganiser.client.get(`/organisations/${bigOrg}/records.csv?from=2026-05-01&to=2026-05-31&status=all`));
    expect(csv.rows).toHaveLength(n);
    const seen = new Set(csv.rows.map((r) => /,(第\d+次),/.exec(r)![1]));
    expect(seen.size).toBe(n);
    const starts = csv.rows.map((r) => /,(2026-05-\d\d \d\d:\d\d),/.exec(r)![1]!);
    expect([...starts].sort()).toEqual(starts);
  });
});
