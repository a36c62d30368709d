import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../core/db/schema/audit.ts';
import { invitations, userRoles } from '../../core/db/schema/identity.ts';
import { memberInvitationMessages } from '../../core/admin/member-invitation-messages.ts';
import { findUserByLogin } from '../../core/identity/users.ts';
import { TestClient } from '../support/client.ts';
import { messagesTo } from '../support/outbox.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { signInAs } from '../support/sign-in.ts';

const t = memberInvitationMessages['zh-CN'];
const fieldError = (html: string, field: string) => new RegExp(`id="f-${field}-error" class="error">([^<]*)<`).exec(html)?.[1];

let p: TestPlatform;
let alphaId: string;
let admin: TestClient;
beforeAll(async () => {
  p = await startTestPlatform();
  alphaId = p.cities.alpha!.id;
  admin = new TestClient(p.app, 'http://alpha.localhost');
  await signInAs(p, admin, 'alpha', 'admin@alpha.test');
});
afterAll(() => p.close());

const invitationCount = () => p.db.tenant(alphaId, async (tx) => (await tx.select().from(invitations).where(eq(invitations.tenantId, alphaId))).length);

describe('inviting a member by email', () => {
  it('mails the link in the city’s name, shows it on the page as well, and the invited person joins with the role', async () => {
    expect(await (await admin.get('/admin/members')).text()).toContain('href="/admin/members/invite"');
    const res = await admin.post('/admin/members/invite', { email: ' New.Worker@Alpha.test ', role: 'social_worker' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(t.sentBody('new.worker@alpha.test', '社工'));
    const link = /value="(http:\/\/alpha\.localhost\/invite\/[a-z2-7]{24})"/.exec(html)![1]!;

    const [mail] = await messagesTo(p, 'new.worker@alpha.test');
    expect(mail).toMatchObject({ kind: 'identity.invitation', channel: 'email', subject: '邀请您加入甲市志愿服务平台' });
    expect(mail!.text).toContain(link);
    expect(mail!.text).toContain('“社工”');

    const invited = new TestClient(p.app, 'http://alpha.localhost');
    const accepted = await invited.post(new URL(link).pathname, { name: '新社工', password: 'worker-pass-1', confirm: 'worker-pass-1' });
    expect(accepted.status).toBe(303);
    const user = await p.db.tenant(alphaId, (tx) => findUserByLogin(tx, alphaId, 'new.worker@alpha.test'));
    const roles = await p.db.tenant(alphaId, (tx) => tx.select().from(userRoles).where(and(eq(userRoles.tenantId, alphaId), eq(userRoles.userId, user!.id))));
    expect(roles.map((r) => r.role)).toEqual(['social_worker']);
    const audit = await p.db.tenant(alphaId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, alphaId), eq(auditLog.action, 'invitation.created'))));
    expect(audit.some((a) => (a.detail as { email?: string }).email === 'new.worker@alpha.test')).toBe(true);
  });

  it('refuses a bad email or an unknown role beside the field, and invites nobody', async () => {
    const before = await invitationCount();
    const bad = await admin.post('/admin/members/invite', { email: 'not-an-email', role: 'volunteer' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, 'email')).toBe(t.emailInvalid);
    expect(badHtml).toContain('value="not-an-email"');
    const role = await admin.post('/admin/members/invite', { email: 'x@alpha.test', role: 'super_user' });
    expect(role.status).toBe(400);
    expect(fieldError(await role.text(), 'role')).toBe(t.roleInvalid);
    expect(await invitationCount()).toBe(before);
    expect(await messagesTo(p, 'x@alpha.test')).toEqual([]);
  });

  it('is for city admins only', async () => {
    const volunteer = new TestClient(p.app, 'http://alpha.localhost');
    await signInAs(p, volunteer, 'alpha', 'vol@alpha.test');
    const before = await invitationCount();
    expect((await volunteer.get('/admin/members/invite')).status).toBe(403);
    expect((await volunteer.post('/admin/members/invite', { email: 'sneaky@alpha.test', role: 'city_admin' })).status).toBe(403);
    expect(await invitationCount()).toBe(before);
  });
});
