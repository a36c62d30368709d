import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCertificates } from '../../../core/volunteering/certificates/schema.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, idCard, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const certificatesOf = (userId: string) =>
  inCity(p, 'beta', (tx, t) => tx.select().from(serviceCertificates).where(and(eq(serviceCertificates.tenantId, t), eq(serviceCertificates.volunteerUserId, userId))));
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

describe(`identity requirements (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets the city admin require a verified identity for certificates, refusing an unverified volunteer with the reason and issuing once verified', async () => {
    const organiser = await citizen(p, 'beta', '组织者');
    const orgId = await organisation(p, 'beta', organiser.id);
    const projectId = await project(p, 'beta', orgId, organiser.id);
    const volunteer = await citizen(p, 'beta', '未核验人', { profile: true, idCardNumber: idCard('11010119800101002') });
    const recordId = await serviceRecord(p, 'beta', volunteer.id, projectId, { startedAt: new Date('2025-03-10T09:00+08:00'), minutes: 90 });
    await verify(p, 'beta', orgId, organiser.id, [recordId]);

    // Only the city admin sets it.
    expect((await organiser.client.post('/admin/identity-requirements', { certificates: '1' })).status).toBe(403);
    const { client: admin } = await signedIn(p, 'beta', 'admin@beta.test');
    expect(await mainOf(await admin.get('/admin/identity-requirements'))).not.toMatch(/name="certificates" value="1" checked/);
    expect((await volunteer.client.post('/volunteer/certificates', PERIOD)).status).toBe(303);

    expect((await admin.post('/admin/identity-requirements', { certificates: '1' })).status).toBe(303);
    expect(await mainOf(await admin.get('/admin/identity-requirements'))).toMatch(/name="certificates" value="1" checked/);
    const refused = await volunteer.client.post('/volunteer/certificates', PERIOD);
    expect(refused.status).toBe(400);
    expect(await mainOf(refused)).toContain('本市开具证明需要实名核验');
    expect(await certificatesOf(volunteer.id)).toHaveLength(1);

    expect((await organiser.client.post(`/volunteers/${volunteer.id}/identity/verify`)).status).toBe(303);
    expect((await volunteer.client.post('/volunteer/certificates', PERIOD)).status).toBe(303);
    expect(await certificatesOf(volunteer.id)).toHaveLength(2);

    // Unticking lifts it.
    expect((await admin.post('/admin/identity-requirements', {})).status).toBe(303);
    expect(await mainOf(await admin.get('/admin/identity-requirements'))).not.toMatch(/checked/);
  });
});
