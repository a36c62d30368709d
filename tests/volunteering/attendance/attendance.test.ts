import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { scan } from '../../../core/volunteering/attendance/service.ts';
import { CODE_WINDOW_MS, currentCode, ensureCheckinSecret } from '../../../core/volunteering/attendance/checkin-code.ts';
import { projects } from '../../../core/volunteering/projects/schema.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { DAY_MS, toLocalDateInput, toLocalDateTimeInput } from '../../../core/volunteering/shared/time.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, confirmedSignup, fieldError, inCity, mainOf, organisation, origin, project, signedIn } from '../fixtures.ts';

const MINUTE = 60_000;
let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let projectId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id);
  projectId = await project(p, 'alpha', orgId, organiser.id, { name: '社区助老' });
  // The project began a month ago, so past activities and claims fall inside it.
  await inCity(p, 'alpha', (tx, t) => tx.update(projects).set({ startsOn: new Date(Date.now() - 30 * DAY_MS) }).where(and(eq(projects.tenantId, t), eq(projects.id, projectId))));
});
afterAll(() => p.close());

/** An activity that started half an hour ago and ends in 90 minutes: check-in is open. */
const runningActivity = () => activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 30 * MINUTE) });
/** An activity that ran from five to three hours ago. */
const pastActivity = () => activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 5 * 60 * MINUTE) });
const volunteer = (name: string) => citizen(p, 'alpha', name, { profile: true });

const recordsOf = (where: { activityId?: string; volunteerId?: string }) =>
  inCity(p, 'alpha', (tx, t) =>
    tx
      .select()
      .from(serviceRecords)
      .where(
        and(
          eq(serviceRecords.tenantId, t),
          where.activityId ? eq(serviceRecords.activityId, where.activityId) : undefined,
          where.volunteerId ? eq(serviceRecords.volunteerUserId, where.volunteerId) : undefined,
        ),
      ),
  );

/** The scan address on the organiser's QR page, as the phone camera would read it. */
async function scanUrlOf(activityId: string): Promise<string> {
  const res = await organiser.client.get(`/activities/${activityId}/checkin`);
  expect(res.status).toBe(200);
  const url = /<code class="scan-url">([^<]+)<\/code>/.exec(await res.text())?.[1];
  expect(url).toBeTruthy();
  return url!.replaceAll('&amp;', '&');
}
const codeOf = (url: string) => new URL(url).searchParams.get('code')!;

describe(`attendance: check-in codes, marks and claims (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows the organiser a QR code of the absolute scan address, refreshed by htmx every 20 seconds', async () => {
    const activityId = await runningActivity();
    const res = await organiser.client.get(`/activities/${activityId}/checkin`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await mainOf(res);
    expect(html).toContain('<svg');
    expect(html).toMatch(new RegExp(`http://alpha\\.localhost/activities/${activityId}/scan\\?code=[A-Za-z0-9_-]{16}<`));
    expect(html).toContain('hx-trigger="every 20s"');
    expect(html).toContain('正在签到中 0 人 · 已签退 0 人');
    expect(html).toContain('刷新二维码');
    // The words follow the code's real lifetime, in both languages.
    const seconds = CODE_WINDOW_MS / 1000;
    expect(html).toContain(`二维码每 ${seconds} 秒更新一次，截图或转发的二维码 ${2 * seconds} 秒内失效`);
    const en = await mainOf(await organiser.client.get(`/activities/${activityId}/checkin`, { 'accept-language': 'en' }));
    expect(en).toContain(`The code changes every ${seconds} seconds; a photo or a forwarded code stops working within ${2 * seconds} seconds.`);
    const fragment = await organiser.client.get(`/activities/${activityId}/checkin/qr`, { 'hx-request': 'true' });
    const block = await fragment.text();
    expect(block).toMatch(/^<div id="checkin-qr"/);
    expect(block).toContain('<svg');
    expect(block).not.toContain('<html');
    // Without htmx the fragment address leads back to the page.
    expect((await organiser.client.get(`/activities/${activityId}/checkin/qr`)).status).toBe(303);
  });

  it('says when check-in opens for a later activity and that it closed for an old one, without a code', async () => {
    const later = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() + 3 * DAY_MS) });
    const early = await mainOf(await organiser.client.get(`/activities/${later}/checkin`));
    expect(early).toContain('签到将于');
    expect(early).not.toContain('<svg');
    const old = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 2 * DAY_MS) });
    const closed = await mainOf(await organiser.client.get(`/activities/${old}/checkin`));
    expect(closed).toContain('签到已于');
    expect(closed).not.toContain('<svg');
    expect(closed).not.toContain('hx-trigger');
  });

  it('checks a volunteer in by scanning, and out by scanning again: a pending record with the minutes between', async () => {
    const activityId = await runningActivity();
    const v = await volunteer('扫码志愿者');
    await confirmedSignup(p, 'alpha', activityId, v.id);

    // Signed out, the scan leads to sign-in and back to the same address, code included.
    const anonymous = await new TestClient(p.app, origin('alpha')).get(`/activities/${activityId}/scan?code=abc`);
    expect(anonymous.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/activities/${activityId}/scan?code=abc`)}`);

    const confirm = await v.client.get(new URL(await scanUrlOf(activityId)).pathname + new URL(await scanUrlOf(activityId)).search);
    expect(confirm.status).toBe(200);
    const page = await mainOf(confirm);
    expect(page).toContain('>签到</button>');
    const code = /name="code" value="([^"]+)"/.exec(page)![1]!;
    const checkedIn = await v.client.post(`/activities/${activityId}/scan`, { code, move: 'in' });
    expect(checkedIn.status).toBe(303);
    expect(checkedIn.headers.get('location')).toBe(`/activities/${activityId}`);
    expect(await mainOf(await v.client.get(checkedIn.headers.get('location')!))).toContain('签到成功');
    const [open] = await recordsOf({ activityId });
    expect(open).toMatchObject({ status: 'open', source: 'checkin', volunteerUserId: v.id, createdBy: v.id, endedAt: null });

    // Pressing 签到 twice changes nothing.
    await v.client.post(`/activities/${activityId}/scan`, { code, move: 'in' });
    expect(await recordsOf({ activityId })).toHaveLength(1);

    // 95 minutes pass.
    await inCity(p, 'alpha', (tx, t) => tx.update(serviceRecords).set({ startedAt: new Date(Date.now() - 95 * MINUTE - 10_000) }).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, open!.id))));
    const again = await mainOf(await v.client.get(new URL(await scanUrlOf(activityId)).pathname + `?code=${codeOf(await scanUrlOf(activityId))}`));
    expect(again).toContain('>签退</button>');
    const out = await v.client.post(`/activities/${activityId}/scan`, { code: /name="code" value="([^"]+)"/.exec(again)![1]!, move: 'out' });
    expect(out.status).toBe(303);
    const after = await mainOf(await v.client.get(out.headers.get('location')!));
    expect(after).toContain('等待组织者审核');
    expect(after).toContain('1小时35分钟');
    const [closed] = await recordsOf({ activityId });
    expect(closed).toMatchObject({ status: 'pending', minutes: 95 });
    expect(closed!.endedAt).not.toBeNull();

    // A third scan only shows where the record stands; the organiser's page counts it.
    const third = await mainOf(await v.client.get(`/activities/${activityId}/scan?code=${codeOf(await scanUrlOf(activityId))}`));
    expect(third).toContain('待审核');
    expect(third).not.toContain('</button>');
    expect(await mainOf(await organiser.client.get(`/activities/${activityId}/checkin`))).toContain('正在签到中 0 人 · 已签退 1 人');
  });

  it('words a check-out right after check-in as no time recorded, never as a claim of 0 minutes', async () => {
    const activityId = await runningActivity();
    const v = await volunteer('随即签退');
    await confirmedSignup(p, 'alpha', activityId, v.id);
    const code = codeOf(await scanUrlOf(activityId));
    expect((await v.client.post(`/activities/${activityId}/scan`, { code, move: 'in' })).status).toBe(303);
    expect((await v.client.post(`/activities/${activityId}/scan`, { code, move: 'out' })).status).toBe(303);
    const [record] = await recordsOf({ activityId });
    expect(record).toMatchObject({ status: 'pending', minutes: 0 });
    const mine = await mainOf(await v.client.get(`/activities/${activityId}`));
    expect(mine).toContain('签到后随即签退，未记录时长');
    expect(mine).not.toContain('0分钟');

    // The organiser enters the real duration when verifying; the lists say what the record held before.
    expect((await organiser.client.post(`/records/${record!.id}/verify`, { hours: '1', minutes: '30' })).status).toBe(303);
    const queue = await mainOf(await organiser.client.get(`/organisations/${record!.organisationId}/records?status=verified`));
    expect(queue).toContain('签到后随即签退，未记录时长');
    expect(queue).not.toContain('申报 0分钟');
    const hours = await mainOf(await v.client.get('/volunteer/hours', { 'accept-language': 'en' }));
    expect(hours).toContain('checked out at once: no time recorded');
    expect(hours).not.toContain('claimed 0 min');
  });

  it('accepts the previous window’s code but refuses one from two windows ago, changing nothing', async () => {
    const activityId = await runningActivity();
    const v = await volunteer('旧码志愿者');
    await confirmedSignup(p, 'alpha', activityId, v.id);
    const now = new Date();
    const secret = await inCity(p, 'alpha', (tx, t) => ensureCheckinSecret(tx, t, activityId));
    const actor = { userId: v.id, address: null };
    const stale = currentCode(secret, activityId, new Date(now.getTime() - 2 * CODE_WINDOW_MS));
    const refused = await inCity(p, 'alpha', (tx, t) => scan(tx, t, activityId, { code: stale, move: 'in' }, actor, now));
    expect(refused).toEqual({ ok: false, reason: 'bad_code' });
    expect(await recordsOf({ activityId })).toEqual([]);

    const previous = currentCode(secret, activityId, new Date(now.getTime() - CODE_WINDOW_MS));
    const accepted = await inCity(p, 'alpha', (tx, t) => scan(tx, t, activityId, { code: previous, move: 'in' }, actor, now));
    expect(accepted).toMatchObject({ ok: true, done: 'checked_in' });
    // Checking out 42½ minutes later (a fresh code by then) records 42 whole minutes.
    const later = new Date(now.getTime() + 42 * MINUTE + 30_000);
    const out = await inCity(p, 'alpha', (tx, t) => scan(tx, t, activityId, { code: currentCode(secret, activityId, later), move: 'out' }, actor, later));
    expect(out).toEqual({ ok: true, done: 'checked_out', minutes: 42 });

    // Through the page, a stale code says so and writes nothing.
    const w = await volunteer('截图志愿者');
    await confirmedSignup(p, 'alpha', activityId, w.id);
    const shown = await w.client.get(`/activities/${activityId}/scan?code=${stale}`);
    expect(shown.status).toBe(400);
    expect(await mainOf(shown)).toContain('请扫描组织者手机上当前显示的二维码');
    const posted = await w.client.post(`/activities/${activityId}/scan`, { code: stale, move: 'in' });
    expect(posted.status).toBe(400);
    expect(await mainOf(posted)).toContain('签到码已过期或无效');
    expect(await recordsOf({ volunteerId: w.id })).toEqual([]);
  });

  it('takes two check-ins pressed at once as one record', async () => {
    const activityId = await runningActivity();
    const v = await volunteer('连按志愿者');
    await confirmedSignup(p, 'alpha', activityId, v.id);
    const code = codeOf(await scanUrlOf(activityId));
    const responses = await Promise.all([1, 2, 3].map(() => v.client.post(`/activities/${activityId}/scan`, { code, move: 'in' })));
    expect(responses.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(await recordsOf({ activityId })).toHaveLength(1);
  });

  it('refuses a volunteer without a confirmed sign-up, with a clear message', async () => {
    const activityId = await runningActivity();
    const pending = await volunteer('待审核志愿者');
    await confirmedSignup(p, 'alpha', activityId, pending.id, 'pending');
    const stranger = await volunteer('未报名志愿者');
    for (const v of [pending, stranger]) {
      const code = codeOf(await scanUrlOf(activityId));
      const shown = await v.client.get(`/activities/${activityId}/scan?code=${code}`);
      expect(shown.status).toBe(403);
      expect(await mainOf(shown)).toContain('只有报名已确认的志愿者才能签到');
      const posted = await v.client.post(`/activities/${activityId}/scan`, { code, move: 'in' });
      expect(posted.status).toBe(403);
      expect(await recordsOf({ volunteerId: v.id })).toEqual([]);
    }
  });

  it('lets the organiser check volunteers in and out by hand and record times afterwards, showing each state on the roster', async () => {
    const activityId = await runningActivity();
    const a = await volunteer('手动甲');
    const b = await volunteer('手动乙');
    await confirmedSignup(p, 'alpha', activityId, a.id);
    await confirmedSignup(p, 'alpha', activityId, b.id);
    const roster = await mainOf(await organiser.client.get(`/activities/${activityId}/manage`));
    expect(roster).toContain('aria-label="为 手动甲 签到"');
    expect(roster).toContain('补录');

    const marked = await organiser.client.post(`/activities/${activityId}/attendance/${a.id}`, { move: 'in' });
    expect(marked.headers.get('location')).toBe(`/activities/${activityId}/manage`);
    expect(await mainOf(await organiser.client.get(marked.headers.get('location')!))).toContain('已为 手动甲 签到');
    expect((await recordsOf({ volunteerId: a.id }))[0]).toMatchObject({ status: 'open', source: 'organiser', createdBy: organiser.id });
    await organiser.client.post(`/activities/${activityId}/attendance/${a.id}`, { move: 'out' });
    expect((await recordsOf({ volunteerId: a.id }))[0]).toMatchObject({ status: 'pending' });

    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.actor, `user:${organiser.id}`))));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['service_record.checked_in', 'service_record.checked_out']));

    // The 补录 page comes with the activity's times; the end before the start comes back with the error beside the field.
    const recordForm = await mainOf(await organiser.client.get(`/activities/${activityId}/attendance/${b.id}/record`));
    expect(recordForm).toContain('补录服务时间：手动乙');
    expect(recordForm).toMatch(/name="started_at"[^>]*value="\d{4}-\d\d-\d\dT\d\d:\d\d"/);
    const start = new Date(Date.now() - 40 * MINUTE);
    const bad = await organiser.client.post(`/activities/${activityId}/attendance/${b.id}/record`, {
      started_at: toLocalDateTimeInput(start),
      ended_at: toLocalDateTimeInput(new Date(start.getTime() - 10 * MINUTE)),
    });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'ended_at')).toBe('结束时间须晚于开始时间。');
    expect(await recordsOf({ volunteerId: b.id })).toEqual([]);
    const good = await organiser.client.post(`/activities/${activityId}/attendance/${b.id}/record`, {
      started_at: toLocalDateTimeInput(start),
      ended_at: toLocalDateTimeInput(new Date(start.getTime() + 30 * MINUTE)),
    });
    expect(good.status).toBe(303);
    expect((await recordsOf({ volunteerId: b.id }))[0]).toMatchObject({ status: 'pending', source: 'organiser', minutes: 30 });

    const shown = await mainOf(await organiser.client.get(`/activities/${activityId}/manage`));
    expect(shown).toContain('30分钟');
    expect(shown).toContain('待审核');
    expect(shown).not.toContain('aria-label="为 手动乙 签到"');

    // Long after the activity, marking "now" is refused with a pointer to 补录.
    const old = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() - 2 * DAY_MS) });
    await confirmedSignup(p, 'alpha', old, a.id);
    const late = await organiser.client.post(`/activities/${old}/attendance/${a.id}`, { move: 'in' });
    expect(await mainOf(await organiser.client.get(late.headers.get('location')!))).toContain('请使用“补录”');
    expect(await recordsOf({ activityId: old })).toEqual([]);
  });

  it('lets a confirmed volunteer claim hours for an ended activity: field errors write nothing, a good claim is pending, a second is refused', async () => {
    const activityId = await pastActivity();
    const v = await volunteer('申报志愿者');
    await confirmedSignup(p, 'alpha', activityId, v.id);
    const activityPage = await mainOf(await v.client.get(`/activities/${activityId}`));
    expect(activityPage).toContain('申报服务时长');
    const form = await mainOf(await v.client.get(`/activities/${activityId}/claim`));
    const startsAt = new Date(Date.now() - 5 * 60 * MINUTE);
    expect(form).toContain(`value="${toLocalDateTimeInput(startsAt)}"`);

    const at = (offsetMinutes: number) => toLocalDateTimeInput(new Date(startsAt.getTime() + offsetMinutes * MINUTE));
    const cases: [Record<string, string>, string, string][] = [
      [{ started_at: at(0), ended_at: at(-10), content: '整理物资' }, 'ended_at', '结束时间须晚于开始时间。'],
      [{ started_at: at(0), ended_at: at(600), content: '整理物资' }, 'ended_at', '不能填写将来的时间。'],
      [{ started_at: at(-26 * 60), ended_at: at(0), content: '整理物资' }, 'ended_at', '一次服务最长 24 小时，请分开填写。'],
      [{ started_at: toLocalDateTimeInput(new Date(Date.now() - 40 * DAY_MS)), ended_at: toLocalDateTimeInput(new Date(Date.now() - 40 * DAY_MS + 60 * MINUTE)), content: '整理物资' }, 'started_at', '不能早于项目的开始日期。'],
      [{ started_at: at(0), ended_at: at(120), content: '  ' }, 'content', '此项必填。'],
      [{ started_at: 'yesterday', ended_at: at(120), content: '整理物资' }, 'started_at', '请填写日期和时间。'],
    ];
    for (const [values, field, message] of cases) {
      const res = await v.client.post(`/activities/${activityId}/claim`, values);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(fieldError(html, field)).toBe(message);
      expect(html).toContain(`value="${values.started_at}"`);
    }
    expect(await recordsOf({ volunteerId: v.id })).toEqual([]);

    const ok = await v.client.post(`/activities/${activityId}/claim`, { started_at: at(0), ended_at: at(120), content: '整理物资' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/activities/${activityId}`);
    const after = await mainOf(await v.client.get(`/activities/${activityId}`));
    expect(after).toContain('申报已提交，等待组织者审核');
    expect(after).not.toContain('申报服务时长</a>');
    expect(await recordsOf({ volunteerId: v.id })).toMatchObject([{ status: 'pending', source: 'claim', minutes: 120, content: '整理物资', activityId }]);

    const twice = await v.client.post(`/activities/${activityId}/claim`, { started_at: at(0), ended_at: at(120), content: '整理物资' });
    expect(await mainOf(await v.client.get(twice.headers.get('location')!))).toContain('不能重复申报');
    expect(await recordsOf({ volunteerId: v.id })).toHaveLength(1);

    // Someone never confirmed for it cannot claim it.
    const other = await volunteer('旁观者');
    const refused = await other.client.post(`/activities/${activityId}/claim`, { started_at: at(0), ended_at: at(120), content: '整理物资' });
    expect(await mainOf(await other.client.get(refused.headers.get('location')!))).toContain('只有报名已确认的志愿者才能申报');
    expect(await recordsOf({ volunteerId: other.id })).toEqual([]);
  });

  it('lets a volunteer claim hours for a project without an activity, refusing bad times and overlaps beside the field', async () => {
    const v = await volunteer('项目申报志愿者');
    expect((await v.client.get(`/projects/${projectId}/claim`)).status).toBe(200);
    const day = toLocalDateInput(new Date(Date.now() - 2 * DAY_MS));
    const bad = await v.client.post(`/projects/${projectId}/claim`, { day, start_time: '14:00', end_time: '09:00', content: '入户探访' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'end_time')).toBe('结束时间须晚于开始时间。');
    const badTime = await v.client.post(`/projects/${projectId}/claim`, { day, start_time: '9点', end_time: '11:00', content: '入户探访' });
    expect(fieldError(await badTime.text(), 'start_time')).toBe('请按 时:分 填写时间（如 09:30）。');
    expect(await recordsOf({ volunteerId: v.id })).toEqual([]);

    const ok = await v.client.post(`/projects/${projectId}/claim`, { day, start_time: '09:00', end_time: '11:30', content: '入户探访' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/projects/${projectId}`);
    expect(await recordsOf({ volunteerId: v.id })).toMatchObject([{ status: 'pending', source: 'claim', minutes: 150, activityId: null }]);
    const overlap = await v.client.post(`/projects/${projectId}/claim`, { day, start_time: '10:00', end_time: '12:00', content: '入户探访' });
    expect(overlap.status).toBe(400);
    expect(fieldError(await overlap.text(), 'day')).toBe('这段时间与您已有的服务记录重叠，不能重复申报。');
    expect(await recordsOf({ volunteerId: v.id })).toHaveLength(1);

    // Without a volunteer profile: complete it first, then come back.
    const newcomer = await citizen(p, 'alpha', '新市民');
    const res = await newcomer.client.post(`/projects/${projectId}/claim`, { day, start_time: '09:00', end_time: '10:00', content: '入户探访' });
    expect(res.headers.get('location')).toBe(`/volunteer/profile?next=${encodeURIComponent(`/projects/${projectId}/claim`)}`);
    expect(await recordsOf({ volunteerId: newcomer.id })).toEqual([]);
  });

  it('gives a plain volunteer 403 on the check-in code and the marking actions', async () => {
    const activityId = await runningActivity();
    const target = await volunteer('被标记者');
    await confirmedSignup(p, 'alpha', activityId, target.id);
    const { client } = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await client.get(`/activities/${activityId}/checkin`)).status).toBe(403);
    expect((await client.get(`/activities/${activityId}/checkin/qr`, { 'hx-request': 'true' })).status).toBe(403);
    expect((await client.post(`/activities/${activityId}/attendance/${target.id}`, { move: 'in' })).status).toBe(403);
    expect((await client.get(`/activities/${activityId}/attendance/${target.id}/record`)).status).toBe(403);
    const period = { started_at: toLocalDateTimeInput(new Date(Date.now() - 60 * MINUTE)), ended_at: toLocalDateTimeInput(new Date(Date.now() - 30 * MINUTE)) };
    expect((await client.post(`/activities/${activityId}/attendance/${target.id}/record`, period)).status).toBe(403);
    expect(await recordsOf({ activityId })).toEqual([]);
  });

  it('gives a user of another city 404 for alpha’s activities and projects', async () => {
    const activityId = await runningActivity();
    const target = await volunteer('甲市志愿者');
    await confirmedSignup(p, 'alpha', activityId, target.id);
    const code = codeOf(await scanUrlOf(activityId));
    const beta = await citizen(p, 'beta', '乙市志愿者', { profile: true });
    const period = { started_at: toLocalDateTimeInput(new Date(Date.now() - 60 * MINUTE)), ended_at: toLocalDateTimeInput(new Date(Date.now() - 30 * MINUTE)) };
    const gets = [
      `/activities/${activityId}/checkin`,
      `/activities/${activityId}/checkin/qr`,
      `/activities/${activityId}/scan?code=${code}`,
      `/activities/${activityId}/attendance/${target.id}/record`,
      `/activities/${activityId}/claim`,
      `/projects/${projectId}/claim`,
    ];
    for (const path of gets) expect((await beta.client.get(path, { 'hx-request': 'true' })).status, path).toBe(404);
    const posts: [string, Record<string, string>][] = [
      [`/activities/${activityId}/scan`, { code, move: 'in' }],
      [`/activities/${activityId}/attendance/${target.id}`, { move: 'in' }],
      [`/activities/${activityId}/attendance/${target.id}/record`, period],
      [`/activities/${activityId}/claim`, { ...period, content: '服务' }],
      [`/projects/${projectId}/claim`, { day: toLocalDateInput(new Date()), start_time: '00:00', end_time: '00:01', content: '服务' }],
    ];
    for (const [path, form] of posts) expect((await beta.client.post(path, form)).status, path).toBe(404);
    expect(await recordsOf({ activityId })).toEqual([]);
  });
});
