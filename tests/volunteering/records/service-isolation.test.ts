import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTransfers } from '../../../core/ledger/schema.ts';
import { issueCertificates } from '../../../core/volunteering/certificates/service.ts';
import { spotCheckItems } from '../../../core/volunteering/oversight/schema.ts';
import { serviceRecords } from '../../../core/volunteering/records/schema.ts';
import { drawSpotCheck } from '../../../core/volunteering/oversight/spot-checks.ts';
import { DAY_MS, toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import type { TestClient } from '../../support/client.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { activity, citizen, confirmedSignup, inCity, organisation, project, serviceRecord, signedIn, userIdOf, verify } from '../fixtures.ts';

/**
 * Alpha's service records, attendance, certificates and spot checks, asked for
 * by people of beta: every page and action with alpha's ids is a 404 and changes nothing.
 */
let p: TestPlatform;
let ids: { org: string; project: string; activity: string; volunteer: string; pending: string; verified: string; certificate: string; code: string; spotCheck: string };
let betaVolunteer: TestClient;
let betaAdmin: TestClient;

beforeAll(async () => {
  p = await startTestPlatform();
  const organiser = await citizen(p, 'alpha', '甲核实人');
  const volunteer = await citizen(p, 'alpha', '甲服务者', { profile: true });
  const org = await organisation(p, 'alpha', organiser.id);
  const projectId = await project(p, 'alpha', org, organiser.id);
  const activityId = await activity(p, 'alpha', projectId, organiser.id, { startsAt: new Date(Date.now() + 10 * 60_000) });
  await confirmedSignup(p, 'alpha', activityId, volunteer.id);
  const pending = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 60 });
  const verified = await serviceRecord(p, 'alpha', volunteer.id, projectId, { minutes: 90 });
  await verify(p, 'alpha', org, organiser.id, [verified]);
  const today = toLocalDateInput(new Date());
  const weekAgo = toLocalDateInput(new Date(Date.now() - 7 * DAY_MS));
  const certificate = await inCity(p, 'alpha', (tx, t) => issueCertificates(tx, { id: t, slug: 'alpha' }, volunteer.id, weekAgo, today));
  const adminId = await userIdOf(p, 'alpha', 'admin@alpha.test');
  const drawn = await inCity(p, 'alpha', (tx, t) => drawSpotCheck(tx, t, { from: weekAgo, to: today, sampleSize: 1, seed: 'isolation', createdBy: adminId }));
  if (!certificate.ok || !drawn.ok) throw new Error('set-up failed');
  ids = { org, project: projectId, activity: activityId, volunteer: volunteer.id, pending, verified, certificate: certificate.certificates[0]!.id, code: certificate.certificates[0]!.code, spotCheck: drawn.id };
  betaVolunteer = (await signedIn(p, 'beta', 'vol@beta.test')).client;
  betaAdmin = (await signedIn(p, 'beta', 'admin@beta.test')).client;
});
afterAll(() => p.close());

const period = 'from=2020-01-01&to=2030-12-31';
const pages = () => [
  `/organisations/${ids.org}/records`,
  `/organisations/${ids.org}/export`,
  `/organisations/${ids.org}/records.csv?${period}`,
  `/records/${ids.pending}`,
  `/records/${ids.verified}`,
  `/activities/${ids.activity}/checkin`,
  `/activities/${ids.activity}/checkin/qr`,
  `/activities/${ids.activity}/scan?code=AAAAAAAAAAAAAAAA`,
  `/activities/${ids.activity}/claim`,
  `/activities/${ids.activity}/attendance/${ids.volunteer}/record`,
  `/projects/${ids.project}/claim`,
  `/certificates/${ids.certificate}`,
  `/verify/${ids.code}`,
];
const actions = (): [string, Record<string, string>][] => [
  [`/organisations/${ids.org}/records/verify`, { record_id: ids.pending, status: 'pending', page: '1' }],
  [`/records/${ids.pending}/verify`, { hours: '', minutes: '' }],
  [`/records/${ids.pending}/reject`, { rejection_reason: '乙市' }],
  [`/records/${ids.verified}/revoke`, { revocation_reason: '乙市' }],
  [`/records/${ids.verified}/evaluate`, { rating: '1', comment: '乙市' }],
  [`/records/${ids.verified}/dispute`, { dispute_reason: '乙市' }],
  [`/activities/${ids.activity}/scan`, { code: 'AAAAAAAAAAAAAAAA', move: 'in' }],
  [`/activities/${ids.activity}/attendance/${ids.volunteer}`, { move: 'in' }],
  [`/activities/${ids.activity}/attendance/${ids.volunteer}/record`, { started_at: '2026-01-01T09:00', ended_at: '2026-01-01T10:00' }],
  [`/activities/${ids.activity}/claim`, { started_at: '2026-01-01T09:00', ended_at: '2026-01-01T10:00', content: '乙市' }],
  [`/projects/${ids.project}/claim`, { day: '2026-01-01', start_time: '09:00', end_time: '10:00', content: '乙市' }],
];
/** City admin pages: a beta admin gets 404 for alpha's ids; a volunteer holds no such permission (403). */
const adminPages = () => [`/admin/spot-checks/${ids.spotCheck}`, `/admin/spot-checks/${ids.spotCheck}/report`];
const adminActions = (): [string, Record<string, string>][] => [[`/admin/spot-checks/${ids.spotCheck}/items/${ids.verified}`, { outcome: 'problem', note: '乙市' }]];

async function alphaUnchanged() {
  await inCity(p, 'alpha', async (tx, t) => {
    const records = await tx.select({ id: serviceRecords.id, status: serviceRecords.status, dispute: serviceRecords.disputeReason, rating: serviceRecords.rating }).from(serviceRecords).where(eq(serviceRecords.tenantId, t));
    expect(records.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: ids.pending, status: 'pending', dispute: null, rating: null },
        { id: ids.verified, status: 'verified', dispute: null, rating: null },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.tenantId, t))).toHaveLength(1);
    const [item] = await tx.select().from(spotCheckItems).where(eq(spotCheckItems.tenantId, t));
    expect(item!.outcome).toBe('unchecked');
  });
}

describe(`service records across cities (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('answers 404 to a beta volunteer and a beta admin for every page and action with alpha’s ids', async () => {
    for (const client of [betaVolunteer, betaAdmin]) {
      for (const path of pages()) expect([path, (await client.get(path)).status]).toEqual([path, 404]);
      for (const [path, form] of actions()) expect([path, (await client.post(path, form)).status]).toEqual([path, 404]);
    }
    for (const path of adminPages()) {
      expect([path, (await betaAdmin.get(path)).status]).toEqual([path, 404]);
      expect([path, (await betaVolunteer.get(path)).status]).toEqual([path, 403]);
    }
    for (const [path, form] of adminActions()) {
      expect([path, (await betaAdmin.post(path, form)).status]).toEqual([path, 404]);
      expect([path, (await betaVolunteer.post(path, form)).status]).toEqual([path, 403]);
    }
    await alphaUnchanged();
  });

  it('shows alpha’s certificate on alpha’s verify page only', async () => {
    const alphaVisitor = (await citizen(p, 'alpha', '甲访客')).client;
    expect((await alphaVisitor.get(`/verify/${ids.code}`)).status).toBe(200);
    expect((await betaVolunteer.get(`/verify/${ids.code}`)).status).toBe(404);
  });
});
