import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { userRoles } from '../../../core/db/schema/identity.ts';
import { organisationMembers, organisations } from '../../../core/volunteering/organisations/schema.ts';
import { creditCodeCheck } from '../../../core/volunteering/shared/identifiers.ts';
import { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, inCity, mainOf, organisation, origin, signedIn } from '../fixtures.ts';

let p: TestPlatform;
let admin: TestClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = (await signedIn(p, 'alpha', 'admin@alpha.test')).client;
});
afterAll(() => p.close());

const application = (name: string, extra: Record<string, string> = {}) => ({
  name,
  kind: 'social_work_org',
  description: '为社区老人提供上门探访服务。',
  district: '城东区',
  contact_phone: '0592-1234567',
  credit_code: '',
  ...extra,
});
const orgByName = (name: string) => inCity(p, 'alpha', (tx, t) => tx.select().from(organisations).where(and(eq(organisations.tenantId, t), eq(organisations.name, name))));
const idFromLocation = (res: Response) => res.headers.get('location')!.split('/').pop()!;
const validCreditCode = (first17: string) => first17 + creditCodeCheck(first17);

describe(`organisations (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes an application, and once a city admin approves it the applicant runs the organisation and creates a project', async () => {
    const applicant = await citizen(p, 'alpha', '王申请');
    const res = await applicant.client.post('/organisations/apply', application('同心社工服务中心', { credit_code: validCreditCode('52350200MJ0000001') }));
    expect(res.status).toBe(303);
    const orgId = idFromLocation(res);
    const pending = await mainOf(await applicant.client.get(`/organisations/${orgId}`));
    expect(pending).toContain('同心社工服务中心');
    expect(pending).toContain('申请正在审核中');

    const queue = await mainOf(await admin.get('/admin/organisations'));
    expect(queue).toContain('同心社工服务中心');
    expect(queue).toContain('王申请');
    const approved = await admin.follow(admin.post(`/admin/organisations/${orgId}/approve`));
    expect(await approved.text()).toContain('已通过“同心社工服务中心”');
    expect(await mainOf(await admin.get('/admin/organisations'))).not.toContain('同心社工服务中心');

    const profile = await mainOf(await applicant.client.get(`/organisations/${orgId}`));
    expect(profile).toContain('您在本组织的角色：组织管理员');
    expect(profile).not.toContain('申请正在审核中');
    const roles = await inCity(p, 'alpha', (tx, t) => tx.select().from(userRoles).where(and(eq(userRoles.tenantId, t), eq(userRoles.userId, applicant.id))));
    expect(roles.map((r) => r.role)).toEqual(['org_admin']);
    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.target, `organisation:${orgId}`))));
    expect(audit.map((a) => a.action)).toEqual(['organisation.approved']);
    expect(await mainOf(await new TestClient(p.app, origin('alpha')).get('/organisations'))).toContain('同心社工服务中心');

    expect((await applicant.client.get(`/organisations/${orgId}/projects/new`)).status).toBe(200);
    const created = await applicant.client.post(`/organisations/${orgId}/projects`, {
      name: '长者午餐助餐',
      category: 'elder_care',
      target_groups: ['elderly'],
      district: '城东区',
      starts_on: '2030-03-01',
      ends_on: '2030-06-30',
      place: '长者饭堂',
      contact: '13800138000',
      volunteers_wanted: '8',
      description: '为长者送餐。',
    });
    expect(created.status).toBe(303);
    const projectPath = created.headers.get('location')!;
    expect(await mainOf(await applicant.client.get(projectPath))).toContain('草稿');
    expect((await new TestClient(p.app, origin('alpha')).get(projectPath)).status).toBe(404);
    await applicant.client.post(`${projectPath}/publish`);
    expect(await mainOf(await new TestClient(p.app, origin('alpha')).get('/projects'))).toContain('长者午餐助餐');
  });

  it('requires a reason to reject, and shows that reason to the applicant alone', async () => {
    const applicant = await citizen(p, 'alpha', '李申请');
    const orgId = idFromLocation(await applicant.client.post('/organisations/apply', application('未登记的队伍')));
    const noReason = await admin.post(`/admin/organisations/${orgId}/reject`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(fieldError(await noReason.text(), 'reason')).toBe('此项必填。');
    expect((await orgByName('未登记的队伍'))[0]!.status).toBe('pending');

    expect((await admin.post(`/admin/organisations/${orgId}/reject`, { reason: '请补充主管单位证明材料。' })).status).toBe(303);
    const seen = await mainOf(await applicant.client.get(`/organisations/${orgId}`));
    expect(seen).toContain('申请未通过审核');
    expect(seen).toContain('请补充主管单位证明材料。');
    const other = await citizen(p, 'alpha', '路人');
    expect((await other.client.get(`/organisations/${orgId}`)).status).toBe(404);
    expect((await new TestClient(p.app, origin('alpha')).get(`/organisations/${orgId}`)).status).toBe(404);
    expect(await mainOf(await new TestClient(p.app, origin('alpha')).get('/organisations'))).not.toContain('未登记的队伍');
    // A decided application cannot be decided again.
    const again = await admin.follow(admin.post(`/admin/organisations/${orgId}/approve`));
    expect(await again.text()).toContain('这份申请已被处理过');
    expect((await orgByName('未登记的队伍'))[0]!.status).toBe('rejected');
  });

  it('refuses a bad application beside the field, keeping the input and writing nothing', async () => {
    const applicant = await citizen(p, 'alpha', '赵申请');
    const res = await applicant.client.post('/organisations/apply', application('格式错误的机构', { contact_phone: '12345', credit_code: '91350200MA2Y1234X0' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'credit_code')).toContain('统一社会信用代码应为 18 位');
    expect(fieldError(html, 'contact_phone')).toContain('11 位手机号');
    expect(fieldError(html, 'name')).toBeNull();
    expect(html).toContain('value="格式错误的机构"');
    expect(await orgByName('格式错误的机构')).toEqual([]);
    // The name of a live organisation cannot be taken twice.
    await applicant.client.post('/organisations/apply', application('重名机构'));
    const twice = await (await citizen(p, 'alpha', '钱申请')).client.post('/organisations/apply', application('重名机构'));
    expect(twice.status).toBe(400);
    expect(fieldError(await twice.text(), 'name')).toContain('同名');
    expect(await orgByName('重名机构')).toHaveLength(1);
  });

  it('lets organisation admins add members by email with a role and remove them, never the last admin', async () => {
    const head = await citizen(p, 'alpha', '孙会长');
    const orgId = await organisation(p, 'alpha', head.id, '互助会');
    const worker = await citizen(p, 'alpha', '周社工');

    const unknown = await head.client.post(`/organisations/${orgId}/members`, { email: 'nobody@nowhere.test', role: 'social_worker' });
    expect(unknown.status).toBe(400);
    expect(fieldError(await unknown.text(), 'email')).toBe('本市没有使用这个邮箱注册的用户。');
    const beta = await head.client.post(`/organisations/${orgId}/members`, { email: 'vol@beta.test', role: 'social_worker' });
    expect(beta.status).toBe(400); // a user of another city is nobody here

    const added = await head.client.follow(head.client.post(`/organisations/${orgId}/members`, { email: worker.email, role: 'social_worker' }));
    expect(await mainOf(added)).toMatch(/周社工[\s\S]*社工/);
    // A social worker creates projects but does not manage members.
    expect((await worker.client.get(`/organisations/${orgId}/projects/new`)).status).toBe(200);
    expect((await worker.client.get(`/organisations/${orgId}/members`)).status).toBe(403);

    const lastAdmin = await head.client.post(`/organisations/${orgId}/members/${head.id}/remove`);
    expect(lastAdmin.status).toBe(400);
    expect(await lastAdmin.text()).toContain('不能移除最后一位组织管理员');
    await head.client.post(`/organisations/${orgId}/members/${worker.id}/remove`);
    expect((await worker.client.get(`/organisations/${orgId}/projects/new`)).status).toBe(403);
    const members = await inCity(p, 'alpha', (tx, t) => tx.select().from(organisationMembers).where(and(eq(organisationMembers.tenantId, t), eq(organisationMembers.organisationId, orgId))));
    expect(members.map((m) => m.userId)).toEqual([head.id]);
  });

  it('gives a volunteer who is not a member a 403 on every management page and action of an organisation', async () => {
    const head = await citizen(p, 'alpha', '吴会长');
    const orgId = await organisation(p, 'alpha', head.id, '别人的组织');
    const { client: volunteer } = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await volunteer.get(`/organisations/${orgId}/members`)).status).toBe(403);
    expect((await volunteer.post(`/organisations/${orgId}/members`, { email: 'vol@alpha.test', role: 'org_admin' })).status).toBe(403);
    expect((await volunteer.post(`/organisations/${orgId}/members/${head.id}/remove`)).status).toBe(403);
    expect((await volunteer.get(`/organisations/${orgId}/projects/new`)).status).toBe(403);
    expect((await volunteer.get('/admin/organisations')).status).toBe(403);
    expect((await volunteer.post(`/admin/organisations/${orgId}/approve`)).status).toBe(403);
    const members = await inCity(p, 'alpha', (tx, t) => tx.select().from(organisationMembers).where(and(eq(organisationMembers.tenantId, t), eq(organisationMembers.organisationId, orgId))));
    expect(members.map((m) => m.userId)).toEqual([head.id]);
    // Signed out, the same pages ask for a sign-in first.
    const anonymous = await new TestClient(p.app, origin('alpha')).get(`/organisations/${orgId}/members`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/sign-in?next=');
  });
});
