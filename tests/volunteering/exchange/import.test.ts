import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../core/db/database.ts';
import { ledgerAccounts } from '../../../core/ledger/schema.ts';
import { verifyLedger } from '../../../core/ledger/verify.ts';
import { serviceRecordImportRows, serviceRecordImports } from '../../../core/volunteering/exchange/schema.ts';
import { volunteerAccountCode } from '../../../core/volunteering/records/verification.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, idCard, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

const china = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const ID = idCard('44010419850615123');

let p: TestPlatform;
let betaVolunteer: string;
let alphaCsv: string;
let alphaJson: string;
let alphaRecords: string[];

const balanceOf = (slug: string, userId: string) =>
  inCity(p, slug, async (tx, t) => (await tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.code, volunteerAccountCode(userId)))))[0]?.balance ?? 0);
const admin = async (slug: string) => (await signedIn(p, slug, `admin@${slug}.test`)).client;
/** The ledger transfers' kinds the planner's statistics know as common. */
const commonKinds = async () =>
  rowsOf<{ kinds: string | null }>(await p.db.platform((tx) => tx.execute(sql`select most_common_vals::text as kinds from pg_stats where tablename = 'ledger_transfers' and attname = 'kind'`)))[0]?.kinds ?? '';
const importIdFrom = (res: Response) => /\/admin\/imports\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')![1]!;

beforeAll(async () => {
  p = await startTestPlatform();
  // A volunteer served in Alpha; Alpha exports her records.
  const organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id, '甲社工中心');
  const elder = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴', category: 'elder_care' });
  const she = await citizen(p, 'alpha', '王芳', { profile: true, idCardNumber: ID });
  alphaRecords = [
    await serviceRecord(p, 'alpha', she.id, elder, { startedAt: china('2026-03-05 09:30'), minutes: 150, content: '陪伴老人' }),
    await serviceRecord(p, 'alpha', she.id, elder, { startedAt: china('2026-03-12 09:30'), minutes: 60, content: '读报' }),
  ];
  await verify(p, 'alpha', orgId, organiser.id, alphaRecords);
  const alphaAdmin = await admin('alpha');
  alphaCsv = await (await alphaAdmin.get('/admin/exchange/file?from=2026-03-01&to=2026-03-31&format=csv')).text();
  alphaJson = await (await alphaAdmin.get('/admin/exchange/file?from=2026-03-01&to=2026-03-31&format=json')).text();
  // She registered in Beta with the same document: Beta knows her by her ID number.
  betaVolunteer = (await citizen(p, 'beta', '王芳', { profile: true, idCardNumber: ID })).id;
});
afterAll(() => p.close());

describe(`service-record import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('dry-runs a file with bad rows: says row by row what would be created and what is wrong, and posts nothing', async () => {
    const lines = alphaCsv.replace(/^\uFEFF/, '').split('\r\n');
    const [heading, first] = lines;
    const cells = first!.split(',');
    const bad = (changes: Record<number, string>) => cells.map((c, i) => changes[i] ?? c).join(',');
    // Columns: 0 record id, 1 number, 3 ID type, 4 ID number, 9 start, 11 minutes.
    const file = [heading, first, bad({ 0: 'other/1', 11: '0' }), bad({ 0: 'other/2', 1: '9999', 3: '', 4: '' }), bad({ 0: 'other/3', 9: '2026-13-01 09:00' }), ''].join('\r\n');
    const beta = await admin('beta');
    const res = await beta.postFile('/admin/imports', 'file', { name: 'mixed.csv', type: 'text/csv', content: file });
    expect(res.status).toBe(303);
    const report = await mainOf(await beta.get(res.headers.get('location')!));
    expect(report).toContain('将导入 1 条；已导入过 0 条（跳过）；有问题 3 条（不导入）。');
    expect(report).toContain('服务时长（分钟）：时长应为 1 至 1440 的整数分钟');
    expect(report).toContain('志愿者统一编号：本市没有这位志愿者');
    expect(report).toContain('服务开始时间：时间应为 年-月-日 时:分（北京时间）');
    expect(report).not.toContain(ID);
    expect(await balanceOf('beta', betaVolunteer)).toBe(0);
    const stored = await inCity(p, 'beta', (tx, t) => tx.select().from(serviceRecordImportRows).where(eq(serviceRecordImportRows.tenantId, t)));
    expect(JSON.stringify(stored)).not.toContain(ID);
  });

  it('imports a file exported by another city after the dry run, through the ledger, once, with a progress bar, then refreshes the statistics', async () => {
    const beta = await admin('beta');
    const uploaded = await beta.postFile('/admin/imports', 'file', { name: 'alpha.csv', type: 'text/csv', content: alphaCsv });
    const id = importIdFrom(uploaded);
    const report = await mainOf(await beta.get(`/admin/imports/${id}`));
    expect(report).toContain('将导入 2 条');
    expect(report).toContain('王芳');

    // Statistics from before the import: they know no imported transfer.
    await p.db.platform((tx) => tx.execute(sql`analyze ledger_transfers`));
    expect(await commonKinds()).not.toContain('service.imported');
    const run = await beta.post(`/admin/imports/${id}/run`);
    expect(run.status).toBe(303);
    const waiting = await mainOf(await beta.get(`/admin/imports/${id}`));
    expect(waiting).toContain('<progress');
    expect(waiting).toContain('hx-trigger="every 1s"');
    await p.jobs.drain();

    const progress = await (await beta.get(`/admin/imports/${id}/progress`)).text();
    expect(progress).toContain('导入完成');
    expect(progress).not.toContain('hx-trigger');
    expect(await balanceOf('beta', betaVolunteer)).toBe(210);
    expect(await inCity(p, 'beta', (tx, t) => verifyLedger(tx, t))).toMatchObject({ ok: true, transfers: 2 });
    const rows = await inCity(p, 'beta', (tx, t) => tx.select().from(serviceRecordImportRows).where(and(eq(serviceRecordImportRows.tenantId, t), eq(serviceRecordImportRows.importId, id))));
    expect(rows.map((r) => r.service?.recordedBy)).toEqual(['甲市', '甲市']);
    expect(rows.map((r) => r.sourceId).sort()).toEqual(alphaRecords.map((r) => `alpha/${r}`).sort());
    // The job refreshed them: the city's pages are planned knowing its imported rows. (On Citus the statistics
    // are the shards', on the workers; there the ANALYZE only has to work.)
    if (!p.db.distributed) expect(await commonKinds()).toContain('service.imported');

    // Running it again changes nothing.
    expect((await beta.follow(beta.post(`/admin/imports/${id}/run`))).status).toBe(200);
    await p.jobs.drain();
    expect(await balanceOf('beta', betaVolunteer)).toBe(210);
  });

  it('takes the same records in JSON as duplicates: idempotent by record id', async () => {
    const beta = await admin('beta');
    const id = importIdFrom(await beta.postFile('/admin/imports', 'file', { name: 'alpha.json', type: 'application/json', content: alphaJson }));
    const report = await mainOf(await beta.get(`/admin/imports/${id}`));
    expect(report).toContain('将导入 0 条；已导入过 2 条（跳过）');
    expect(report).toContain('没有可导入的记录。');
    const [entry] = await inCity(p, 'beta', (tx, t) => tx.select().from(serviceRecordImports).where(and(eq(serviceRecordImports.tenantId, t), eq(serviceRecordImports.id, id))));
    expect(entry!.toCreate).toBe(0);
    expect(await balanceOf('beta', betaVolunteer)).toBe(210);
  });

  it('refuses a file that is not in the format beside the field, and anyone but a city admin', async () => {
    const beta = await admin('beta');
    const wrong = await beta.postFile('/admin/imports', 'file', { name: 'x.csv', type: 'text/csv', content: '姓名,时长\r\n王芳,60\r\n' });
    expect(wrong.status).toBe(400);
    expect(fieldError(await wrong.text(), 'file')).toContain('文件缺少这些列：记录编号');
    const json = await beta.postFile('/admin/imports', 'file', { name: 'x.json', type: 'application/json', content: '{"records":[]}' });
    expect(fieldError(await json.text(), 'file')).toContain('不是服务记录交换格式');
    const volunteer = (await signedIn(p, 'beta', 'vol@beta.test')).client;
    expect((await volunteer.get('/admin/imports')).status).toBe(403);
    expect((await volunteer.postFile('/admin/imports', 'file', { name: 'alpha.csv', type: 'text/csv', content: alphaCsv })).status).toBe(403);
  });
});
