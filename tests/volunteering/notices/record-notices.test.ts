import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../core/messages/schema.ts';
import { groupCode } from '../../../core/readable-codes.ts';
import { serviceCertificates } from '../../../core/volunteering/certificates/schema.ts';
import { verifyRecords } from '../../../core/volunteering/records/verification.ts';
import { messagesTo } from '../../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, eventsOf, inCity, organisation, project, serviceRecord, verify } from '../fixtures.ts';
import { readsEnglish } from './fixtures.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let orgId: string;
let projectId: string;
const china = (local: string) => new Date(`${local}+08:00`);
const city = () => p.cities.alpha!.names;

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
});
afterAll(() => p.close());

describe(`hours and certificate messages (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('tells the volunteer once for each record verified, with the duration as verified', async () => {
    const v = await citizen(p, 'alpha', '王志愿', { profile: true });
    const first = await serviceRecord(p, 'alpha', v.id, projectId, { startedAt: china('2026-03-10T09:00'), minutes: 150 });
    const second = await serviceRecord(p, 'alpha', v.id, projectId, { startedAt: china('2026-03-11T09:00'), minutes: 60 });
    await verify(p, 'alpha', orgId, organiser.id, [first, second]);
    await verify(p, 'alpha', orgId, organiser.id, [first, second]); // already verified: nothing new
    const got = await messagesTo(p, v.email);
    expect(got.map((m) => m.kind)).toEqual(['volunteering.hours-verified', 'volunteering.hours-verified']);
    expect(got.map((m) => m.subject).sort()).toEqual([`【${city()['zh-CN']}】服务时长已核实：1小时`, `【${city()['zh-CN']}】服务时长已核实：2小时30分钟`]);
    expect(got.map((m) => m.text).join('\n')).toContain('您在“社区助老”2026/03/10的服务时长 2小时30分钟 已由组织者核实');

    // A corrected duration is the one told.
    const third = await serviceRecord(p, 'alpha', v.id, projectId, { startedAt: china('2026-03-12T09:00'), minutes: 240 });
    expect((await organiser.client.post(`/records/${third}/verify`, { hours: '3', minutes: '0' })).status).toBe(303);
    expect((await messagesTo(p, v.email))[0]!.subject).toBe(`【${city()['zh-CN']}】服务时长已核实：3小时`);
  });

  it('tells the volunteer the organiser rejected a record, with the reason, in their language', async () => {
    const v = await citizen(p, 'alpha', 'Bob', { profile: true });
    await readsEnglish(p, 'alpha', v.id);
    const id = await serviceRecord(p, 'alpha', v.id, projectId, { startedAt: china('2026-04-02T14:00'), minutes: 90 });
    expect((await organiser.client.post(`/records/${id}/reject`, { rejection_reason: 'Not at the sign-in sheet that day' })).status).toBe(303);
    const got = await messagesTo(p, v.email);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ kind: 'volunteering.hours-rejected', subject: `${city().en}: Hours not verified: 社区助老` });
    expect(got[0]!.text).toContain('The organiser did not verify your service record for "社区助老" on 2 Apr 2026.');
    expect(got[0]!.text).toContain('Reason: Not at the sign-in sheet that day');
  });

  it('a verification rolled back queues nothing', async () => {
    const v = await citizen(p, 'alpha', '回滚', { profile: true });
    const id = await serviceRecord(p, 'alpha', v.id, projectId);
    await expect(
      inCity(p, 'alpha', async (tx, t) => {
        const result = await verifyRecords(tx, t, orgId, [{ recordId: id }], { deciderId: organiser.id, address: null }, eventsOf(p, 'alpha'));
        expect(result.verified).toEqual([id]);
        throw new Error('the request failed after verifying');
      }),
    ).rejects.toThrow('the request failed after verifying');
    expect(await messagesTo(p, v.email)).toEqual([]);
  });

  it('tells the volunteer their certificate is ready, with its code and the public check address, and keeps the body from admins', async () => {
    const v = await citizen(p, 'alpha', '黄志愿', { profile: true });
    const id = await serviceRecord(p, 'alpha', v.id, projectId, { startedAt: china('2025-06-01T09:00'), minutes: 90 });
    await verify(p, 'alpha', orgId, organiser.id, [id]);
    expect((await v.client.post('/volunteer/certificates', { from: '2025-01-01', to: '2025-12-31' })).status).toBe(303);
    const [certificate] = await inCity(p, 'alpha', (tx, t) => tx.select().from(serviceCertificates).where(and(eq(serviceCertificates.tenantId, t), eq(serviceCertificates.volunteerUserId, v.id))));
    const ready = (await messagesTo(p, v.email)).filter((m) => m.kind === 'volunteering.certificate-ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]!.subject).toBe(`【${city()['zh-CN']}】您的志愿服务证明已开具`);
    expect(ready[0]!.text).toContain('您 2025/01/01 – 2025/12/31 的志愿服务证明已开具，共计 1小时30分钟。');
    expect(ready[0]!.text).toContain(`核验码：${groupCode(certificate!.code)}`);
    // The address the printed certificate's QR code points to: the code, no name or number.
    expect(ready[0]!.text).toContain(`任何人都可以在此核验：http://alpha.localhost/verify/${certificate!.code}\n`);
    const [row] = await p.db.platform((tx) => tx.select({ sensitive: messages.sensitive }).from(messages).where(eq(messages.idempotencyKey, `certificate-ready:${certificate!.id}`)));
    expect(row).toEqual({ sensitive: true });
  });
});
