import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { normaliseCode } from '../../../core/volunteering/certificates/service.ts';
import { maskMiddle, maskName } from '../../../core/volunteering/shared/masking.ts';
import { serviceCertificates } from '../../../core/volunteering/certificates/schema.ts';
import { toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { revokeRecord } from '../../../core/volunteering/records/verification.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, organisation, origin, project, serviceRecord, signedIn, userIdOf, verify, eventsOf } from '../fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let volunteer: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
/** Records of 黄志愿: four verified in 2025, one verified just before it, one pending in it. */
const rec: Record<string, string> = {};
/** The certificate made in the first test, used by the later ones. */
let cert: { id: string; code: string };

/** A moment typed in China time. */
const china = (local: string) => new Date(`${local}+08:00`);
const certificatesOf = (userId: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(serviceCertificates).where(and(eq(serviceCertificates.tenantId, t), eq(serviceCertificates.volunteerUserId, userId))));
const anonymous = (slug = 'alpha') => new TestClient(p.app, origin(slug));
const PERIOD_2025 = { from: '2025-01-01', to: '2025-12-31' };

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  const elders = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
  const green = await project(p, 'alpha', orgId, organiser.id, { name: '环保宣传' });
  volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true });
  const add = (key: string, projectId: string, startedAt: string, minutes: number) =>
    serviceRecord(p, 'alpha', volunteer.id, projectId, { startedAt: china(startedAt), minutes }).then((id) => (rec[key] = id));
  await add('march', elders, '2025-03-10T09:00', 60);
  await add('june', elders, '2025-06-01T14:00', 90);
  await add('may', green, '2025-05-05T10:00', 45);
  await add('newYearsEve', elders, '2025-12-31T23:00', 30); // last evening of the period in China (15:00 UTC)
  await add('before', elders, '2024-12-31T23:30', 120); // 2024 in China although 2024-12-31T15:30Z
  await verify(p, 'alpha', orgId, organiser.id, [rec.march!, rec.june!, rec.may!, rec.newYearsEve!, rec.before!]);
  rec.pending = await serviceRecord(p, 'alpha', volunteer.id, elders, { startedAt: china('2025-07-01T09:00'), minutes: 600 });
});
afterAll(() => p.close());

describe(`service certificates (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('makes a certificate of the verified records in the period only, with the right totals, and audits it', async () => {
    const form = await mainOf(await volunteer.client.get('/volunteer/certificates'));
    const today = toLocalDateInput(new Date());
    expect(form).toContain(`value="${today.slice(0, 4)}-01-01"`);
    expect(form).toContain(`value="${today}"`);

    const res = await volunteer.client.post('/volunteer/certificates', PERIOD_2025);
    expect(res.status).toBe(303);
    const [row] = await certificatesOf(volunteer.id);
    expect(res.headers.get('location')).toBe(`/certificates/${row!.id}`);
    expect(row!.totalMinutes).toBe(60 + 90 + 45 + 30);
    expect([...row!.recordIds].sort()).toEqual([rec.march, rec.june, rec.may, rec.newYearsEve].sort());
    expect(row!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(row!.summary.volunteerName).toBe('黄志愿');
    expect(row!.summary.projects).toEqual([
      { name: '社区助老', organisation: '阳光志愿队', minutes: 180, records: 3 },
      { name: '环保宣传', organisation: '阳光志愿队', minutes: 45, records: 1 },
    ]);
    expect([row!.summary.firstDay, row!.summary.lastDay]).toEqual(['2025-03-10', '2025-12-31']);
    cert = { id: row!.id, code: row!.code };

    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.target, `service_certificate:${row!.id}`))));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['service_certificate.created', `user:${volunteer.id}`]]);

    const list = await mainOf(await volunteer.client.get('/volunteer/certificates'));
    expect(list).toContain(`/certificates/${row!.id}`);
    expect(list).toContain('3小时45分钟');
    expect(list).toContain('有效');
  });

  it('shows the owner a printable certificate with the code, an SVG QR code of the verify address, and the totals', async () => {
    const res = await volunteer.client.get(`/certificates/${cert.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!;
    expect(main).toContain('志愿服务证明');
    expect(main).toContain('甲市');
    expect(main).toContain('黄志愿');
    expect(main).toContain(`${cert.code.slice(0, 4)}-${cert.code.slice(4, 8)}-${cert.code.slice(8)}`);
    expect(main).toMatch(/<svg[^>]*viewBox/);
    expect(main).toContain(`href="http://alpha.localhost/verify/${cert.code}"`);
    expect(main).toContain('3小时45分钟');
    expect(main).toContain('3.75');
    expect(main).toContain('社区助老');
    expect(main).toContain('阳光志愿队');
    expect(main).toContain('2025/01/01');
    expect(main).toContain('打印 / 保存为PDF');
    // The print button's script runs under the CSP nonce, never as an inline handler.
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(main).toContain(`<script nonce="${nonce}">`);
    expect(main).not.toContain('onclick');
  });

  it('links each record of the owner’s certificate to its transfer on the public ledger, beside their account reference', async () => {
    const main = await mainOf(await volunteer.client.get(`/certificates/${cert.id}`));
    const section = /<section[^>]*id="ledger-entries"[^>]*>([\s\S]*?)<\/section>/.exec(main)![1]!;
    const numbers = [...section.matchAll(/href="\/ledger\?at=(\d+)#t-(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toHaveLength(4);
    const ref = /href="\/ledger\?account=([0-9a-f]{20})"/.exec(section)?.[1];
    expect(ref).toBeDefined();
    const chain = (await (await anonymous().get('/api/v1/ledger/public/transfers')).json()) as { items: { seq: number; amount: number; credit: { ref: string } }[] };
    const linked = chain.items.filter((t) => numbers.includes(t.seq));
    expect(linked.map((t) => t.amount).sort((a, b) => a - b)).toEqual([30, 45, 60, 90]);
    for (const t of linked) expect(t.credit.ref).toBe(ref);
    const page = await mainOf(await anonymous().get(`/ledger?at=${numbers[0]}`));
    expect(page).toContain(`id="t-${numbers[0]}"`);
    expect(page).toContain(`aria-current="true">${numbers[0]}<`);
  });

  it('lets anyone check the code without signing in: valid, name and number masked', async () => {
    const res = await anonymous().get(`/verify/${cert.code}`);
    expect(res.status).toBe(200);
    const main = await mainOf(res);
    expect(main).toContain('有效');
    expect(main).not.toContain('已失效');
    expect(main).toContain('黄*愿');
    expect(main).not.toContain('黄志愿');
    const [row] = await certificatesOf(volunteer.id);
    expect(main).not.toContain(row!.summary.volunteerNumber);
    expect(main).toContain(maskMiddle(row!.summary.volunteerNumber));
    expect(main).toContain('3小时45分钟');
    expect(main).toContain('社区助老');
    expect(main).toContain('环保宣传');
  });

  it('accepts the code in lower case, with dashes and spaces, and from the form', async () => {
    const grouped = `${cert.code.slice(0, 4)}-${cert.code.slice(4, 8)}-${cert.code.slice(8)}`;
    for (const variant of [cert.code.toLowerCase(), grouped, grouped.toLowerCase()]) {
      const res = await anonymous().get(`/verify/${encodeURIComponent(variant)}`);
      expect(res.status, variant).toBe(200);
      expect(await mainOf(res)).toContain('黄*愿');
    }
    const typed = await anonymous().get(`/verify?code=${encodeURIComponent(` ${grouped.toLowerCase()} `)}`);
    expect(typed.status).toBe(302);
    expect(typed.headers.get('location')).toBe(`/verify/${cert.code}`);
    const form = await anonymous().get('/verify');
    expect(form.status).toBe(200);
    expect(await mainOf(form)).toContain('name="code"');
    const bad = await anonymous().get('/verify?code=abc');
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'code')).toContain('12 位');
  });

  it('answers an unknown code, and alpha’s code on beta’s site, with a 404 saying there is no such certificate here', async () => {
    const unknown = cert.code.startsWith('0') ? `1${cert.code.slice(1)}` : `0${cert.code.slice(1)}`;
    for (const path of [`/verify/${unknown}`, '/verify/not-a-code']) {
      const res = await anonymous().get(path);
      expect(res.status, path).toBe(404);
      expect(await mainOf(res)).toContain('甲市没有这个验证码对应的志愿服务证明');
    }
    const beta = await anonymous('beta').get(`/verify/${cert.code}`);
    expect(beta.status).toBe(404);
    const page = await mainOf(beta);
    expect(page).toContain('乙市没有这个验证码对应的志愿服务证明');
    expect(page).not.toContain('黄');
  });

  it('keeps the printable certificate to its owner and the city’s register keepers: 403 for another volunteer, 404 for a user of beta', async () => {
    const other = await citizen(p, 'alpha', '陈社', { profile: true });
    expect((await other.client.get(`/certificates/${cert.id}`)).status).toBe(403);
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    expect((await admin.client.get(`/certificates/${cert.id}`)).status).toBe(200);
    const beta = await signedIn(p, 'beta', 'vol@beta.test');
    expect((await beta.client.get(`/certificates/${cert.id}`)).status).toBe(404);
    expect((await volunteer.client.get('/certificates/not-an-id')).status).toBe(404);
    const signedOut = await anonymous().get(`/certificates/${cert.id}`);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toContain('/sign-in');
    // Beta's own list knows nothing of alpha's certificates.
    expect(await mainOf(await beta.client.get('/volunteer/certificates'))).not.toContain(cert.id);
  });

  it('says 已失效 once an included record is revoked, with how many, on the verify page and in the list', async () => {
    const admin = await userIdOf(p, 'alpha', 'admin@alpha.test');
    const revoked = await inCity(p, 'alpha', (tx, t) => revokeRecord(tx, t, orgId, rec.june!, '抽查发现时长不实', { deciderId: admin, address: null }, eventsOf(p, 'alpha')));
    expect(revoked.ok).toBe(true);
    const main = await mainOf(await anonymous().get(`/verify/${cert.code}`));
    expect(main).toContain('已失效');
    expect(main).toContain('其中 1 条服务记录在开具后被撤销');
    expect(main).toContain('2小时15分钟'); // what is still certified: 225 − 90 minutes
    expect(await mainOf(await volunteer.client.get(`/certificates/${cert.id}`))).toContain('已失效');
    expect(await mainOf(await volunteer.client.get('/volunteer/certificates'))).toContain('已失效');
  });

  it('refuses bad periods beside the field and creates nothing', async () => {
    const before = (await certificatesOf(volunteer.id)).length;
    const cases: [Record<string, string>, string, string][] = [
      [{ from: '', to: '2025-12-31' }, 'from', '此项必填。'],
      [{ from: '2025-02-30', to: '2025-12-31' }, 'from', '请按 年-月-日 填写日期。'],
      [{ from: '2025-06-01', to: '2025-05-31' }, 'to', '结束日期不能早于开始日期。'],
      [{ from: '2025-01-01', to: '2099-01-01' }, 'to', '结束日期不能晚于今天。'],
      [{ from: '2019-01-01', to: '2024-01-01' }, 'to', '时间段最长 5 年，请分成几份证明。'],
    ];
    for (const [form, field, message] of cases) {
      const res = await volunteer.client.post('/volunteer/certificates', form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      const html = await res.text();
      expect(fieldError(html, field)).toBe(message);
      expect(html).toContain(`value="${form.to}"`); // the typed input is kept
    }
    expect((await volunteer.client.post('/volunteer/certificates', { from: '2020-06-01', to: '2025-05-31' })).status).toBe(303); // five years to the day is allowed
    expect((await certificatesOf(volunteer.id)).length).toBe(before + 1);
  });

  it('creates nothing for a period without verified records and says why', async () => {
    const before = (await certificatesOf(volunteer.id)).length;
    const res = await volunteer.client.post('/volunteer/certificates', { from: '2025-07-01', to: '2025-07-31' }); // only the pending record
    expect(res.status).toBe(400);
    expect(await mainOf(res)).toContain('这个时间段内没有已核实的服务记录，未开具证明');
    expect((await certificatesOf(volunteer.id)).length).toBe(before);
  });

  it('asks for a volunteer profile first, and refuses a citizen without the right', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const page = await mainOf(await admin.client.get('/volunteer/certificates'));
    expect(page).toContain('请先完善志愿者信息');
    expect(page).toContain('/volunteer/profile?next=');
    expect(page).not.toContain('name="from"');
    const refused = await admin.client.post('/volunteer/certificates', PERIOD_2025);
    expect(refused.status).toBe(400);
    expect(await certificatesOf(admin.id)).toEqual([]);

    const plain = await citizen(p, 'alpha', '新市民');
    expect((await plain.client.get('/volunteer/certificates')).status).toBe(403);
    expect((await plain.client.post('/volunteer/certificates', PERIOD_2025)).status).toBe(403);
    expect(await certificatesOf(plain.id)).toEqual([]);
  });

  it('masks names and numbers for strangers and reads codes as Crockford does', () => {
    expect(maskName('黄志愿')).toBe('黄*愿');
    expect(maskName('陈社')).toBe('陈*');
    expect(maskName('欧阳志愿')).toBe('欧**愿');
    expect(maskName('Alice Wong')).toBe('A***');
    expect(maskMiddle('ALPHA-000042')).toBe('ALP******042');
    expect(normaliseCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normaliseCode('0OIl-2345-6789')).toBe('001123456789');
    expect(normaliseCode('ABCD-EFGH-JKMU')).toBeNull();
    expect(normaliseCode('ABCDEFGHJKM')).toBeNull();
  });
});
