import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WitnessedService } from '../core/plugin-api.ts';
import { projects } from '../core/volunteering/projects/schema.ts';
import { serviceRecords } from '../core/volunteering/records/schema.ts';
import { examplePlugin } from './support/example-plugin.tsx';
import { startPluginKit, type PluginKit } from './support/plugin-kit/index.ts';

let kit: PluginKit;
beforeAll(async () => {
  kit = await startPluginKit(examplePlugin, { settings: { greeting: '欢迎' } });
});
afterAll(() => kit.close());

const minutesOf = (slug: string, userId: string) => kit.ledger.balance(slug, `volunteer:${userId}`, 'SERVICE_MINUTE');
const recordOf = (slug: string, id: string) =>
  kit.inCity(slug, async (tx, t) => (await tx.select().from(serviceRecords).where(and(eq(serviceRecords.tenantId, t), eq(serviceRecords.id, id))))[0]!);

describe('service a plugin witnessed (work.service)', () => {
  it('is recorded and verified at once under the organisation’s programme: the ledger, the volunteer’s message, the audit log', async () => {
    const firm = await kit.organiser('alpha');
    const coordinator = await kit.person('alpha', '协调员');
    const service = (key: string, minutes = 90): WitnessedService => ({
      key,
      volunteerUserId: firm.id,
      organisationId: firm.orgId,
      programme: { key: 'lawyer-service', name: '律师志愿服务', category: 'legal_aid', description: '法律咨询与法律援助案件' },
      startedAt: new Date('2026-11-20T02:00:00Z'),
      minutes,
      content: '法律咨询答复',
      verifiedBy: coordinator.id,
      address: null,
    });

    expect(await kit.work('alpha', (w) => w.service.organisationsOf(firm.id))).toEqual([{ id: firm.orgId, name: expect.any(String) }]);
    expect(await kit.work('alpha', (w) => w.service.organisationsOf(coordinator.id))).toEqual([]);

    const first = await kit.work('alpha', (w) => w.service.recordVerified(service('consultation-1')));
    expect(first).toMatchObject({ ok: true, created: true });
    if (!first.ok) return;
    const record = await recordOf('alpha', first.recordId);
    expect(record).toMatchObject({ status: 'verified', source: 'plugin', pluginId: 'example', minutes: 90, decidedBy: coordinator.id });
    expect(await minutesOf('alpha', firm.id)).toBe(90);
    expect((await kit.auditEntries('alpha', 'service_record.verified')).some((e) => e.target === `service_record:${first.recordId}`)).toBe(true);
    expect((await kit.messagesTo(firm.email)).map((m) => m.kind)).toContain('volunteering.hours-verified');

    // The programme's project takes no sign-ups; a second recording finds it rather than making another.
    const second = await kit.work('alpha', (w) => w.service.recordVerified(service('consultation-2', 30)));
    expect(second.ok && (await recordOf('alpha', second.recordId)).projectId).toBe(record.projectId);
    const [programme] = await kit.inCity('alpha', (tx, t) => tx.select().from(projects).where(and(eq(projects.tenantId, t), eq(projects.id, record.projectId))));
    expect(programme).toMatchObject({ status: 'closed', programmeKey: 'example:lawyer-service', category: 'legal_aid', name: '律师志愿服务' });
    expect(await minutesOf('alpha', firm.id)).toBe(120);
    // The organisation's page calls it a module's service record, not a project that has closed.
    const orgPage = await (await firm.client.get(`/organisations/${firm.orgId}`)).text();
    const line = orgPage.slice(orgPage.indexOf('律师志愿服务'), orgPage.indexOf('律师志愿服务') + 400);
    expect(line).toContain('模块服务记录');
    expect(line).not.toContain('已结束');
    expect(await (await firm.client.get(`/projects/${record.projectId}`)).text()).toContain('不接受报名');

    // The same key again (a retried job, a double click) changes nothing.
    expect(await kit.work('alpha', (w) => w.service.recordVerified(service('consultation-1', 600)))).toEqual({ ok: true, recordId: first.recordId, created: false });
    expect(await minutesOf('alpha', firm.id)).toBe(120);

    // Taking it back reverses the posting; the ledger still checks out.
    expect(await kit.work('alpha', (w) => w.service.revoke('consultation-1', '重复录入', { deciderId: coordinator.id, address: null }))).toBe(true);
    expect(await kit.work('alpha', (w) => w.service.revoke('no-such-key', '重复录入', { deciderId: coordinator.id, address: null }))).toBe(false);
    expect((await recordOf('alpha', first.recordId)).status).toBe('revoked');
    expect(await minutesOf('alpha', firm.id)).toBe(30);
    expect((await kit.ledger.verify('alpha')).ok).toBe(true);
  });

  it('refuses a duration outside one day and an organisation not approved, writing nothing', async () => {
    const firm = await kit.organiser('alpha');
    const base = {
      volunteerUserId: firm.id,
      organisationId: firm.orgId,
      programme: { key: 'lawyer-service', name: '律师志愿服务', category: 'legal_aid' as const, description: '' },
      startedAt: new Date(),
      content: '咨询',
      verifiedBy: firm.id,
      address: null,
    };
    for (const minutes of [0, 1441, 1.5]) {
      expect(await kit.work('alpha', (w) => w.service.recordVerified({ ...base, key: `bad-${minutes}`, minutes }))).toEqual({ ok: false, reason: 'bad_minutes' });
    }
    const other = await kit.organiser('beta');
    expect(await kit.work('alpha', (w) => w.service.recordVerified({ ...base, key: 'elsewhere', minutes: 60, organisationId: other.orgId }))).toEqual({
      ok: false,
      reason: 'organisation_not_approved',
    });
    expect(await minutesOf('alpha', firm.id)).toBe(0);
  });
});
