import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { serviceCertificates } from '../../../core/volunteering/certificates/schema.ts';
import { MAX_SEAL_BYTES } from '../../../core/volunteering/certificates/seals.ts';
import { revokeRecord } from '../../../core/volunteering/records/verification.ts';
import { toLocalDateInput } from '../../../core/volunteering/shared/time.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, eventsOf, fieldError, idCard, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';
import { PNG_1x1, sealForm, SVG_WITH_SCRIPT } from './seal-image.ts';

let p: TestPlatform;
let organiser: Awaited<ReturnType<typeof citizen>>;
let otherOrganiser: Awaited<ReturnType<typeof citizen>>;
let volunteer: Awaited<ReturnType<typeof citizen>>;
let sunshine: string;
let riverside: string;
const ID = idCard('44010619900101123');
const china = (local: string) => new Date(`${local}+08:00`);
const year = toLocalDateInput(new Date()).slice(0, 4);

const certificatesOf = (userId: string) =>
  inCity(p, 'alpha', (tx, t) => tx.select().from(serviceCertificates).where(and(eq(serviceCertificates.tenantId, t), eq(serviceCertificates.volunteerUserId, userId))));

beforeAll(async () => {
  p = await startTestPlatform();
  organiser = await citizen(p, 'alpha', '组织者');
  otherOrganiser = await citizen(p, 'alpha', '河畔负责人');
  sunshine = await organisation(p, 'alpha', organiser.id, '阳光志愿队');
  riverside = await organisation(p, 'alpha', otherOrganiser.id, '河畔环保社');
  const elders = await project(p, 'alpha', sunshine, organiser.id, { name: '社区助老' });
  const river = await project(p, 'alpha', riverside, otherOrganiser.id, { name: '河道清洁' });
  volunteer = await citizen(p, 'alpha', '黄志愿', { profile: true, idCardNumber: ID });
  const a = await serviceRecord(p, 'alpha', volunteer.id, elders, { startedAt: china('2025-03-10T09:00'), minutes: 60 });
  const b = await serviceRecord(p, 'alpha', volunteer.id, elders, { startedAt: china('2025-04-10T09:00'), minutes: 30 });
  const c = await serviceRecord(p, 'alpha', volunteer.id, river, { startedAt: china('2025-05-10T09:00'), minutes: 120 });
  await verify(p, 'alpha', sunshine, organiser.id, [a, b]);
  await verify(p, 'alpha', riverside, otherOrganiser.id, [c]);
});
afterAll(() => p.close());

describe(`certificates issued by the organisations that recorded the service (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets an organisation’s administrator upload a PNG seal, and refuses an SVG with script, an empty field and a large file beside the field', async () => {
    const page = await mainOf(await organiser.client.get(`/organisations/${sunshine}/seal`));
    expect(page).toContain('enctype="multipart/form-data"');
    const svg = await organiser.client.postMultipart(`/organisations/${sunshine}/seal`, sealForm(SVG_WITH_SCRIPT, 'seal.png', 'image/png'));
    expect(svg.status).toBe(400);
    expect(fieldError(await svg.text(), 'seal')).toContain('SVG');
    const empty = await organiser.client.postMultipart(`/organisations/${sunshine}/seal`, new FormData());
    expect(empty.status).toBe(400);
    const large = new Uint8Array(MAX_SEAL_BYTES + 1);
    large.set(PNG_1x1);
    const tooLarge = await organiser.client.postMultipart(`/organisations/${sunshine}/seal`, sealForm(large, 'seal.png', 'image/png'));
    expect(tooLarge.status).toBe(400);
    expect(fieldError(await tooLarge.text(), 'seal')).toContain('200 KB');
    expect((await organiser.client.get(`/organisations/${sunshine}/seal/image`)).status).toBe(404);

    const ok = await organiser.client.postMultipart(`/organisations/${sunshine}/seal`, sealForm(PNG_1x1, 'seal.svg', 'image/svg+xml'));
    expect(ok.status).toBe(303);
    const image = await organiser.client.get(`/organisations/${sunshine}/seal/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG_1x1);
    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'organisation.seal_uploaded'))));
    expect(audit).toHaveLength(1);
  });

  it('keeps the seal to the organisation’s administrators: 403 for a volunteer and for another organisation’s', async () => {
    expect((await volunteer.client.get(`/organisations/${sunshine}/seal`)).status).toBe(403);
    expect((await otherOrganiser.client.get(`/organisations/${sunshine}/seal/image`)).status).toBe(403);
    const post = await otherOrganiser.client.postMultipart(`/organisations/${sunshine}/seal`, sealForm(PNG_1x1, 'seal.png', 'image/png'));
    expect(post.status).toBe(403);
  });

  it('issues one numbered certificate per organisation, each with the identity block, the issuer and its seal (or a place to stamp)', async () => {
    const res = await volunteer.client.post('/volunteer/certificates', { from: '2025-01-01', to: '2025-12-31' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/volunteer/certificates');
    const rows = await certificatesOf(volunteer.id);
    expect(rows).toHaveLength(2);
    const bySunshine = rows.find((r) => r.organisationId === sunshine)!;
    const byRiverside = rows.find((r) => r.organisationId === riverside)!;
    expect(bySunshine.totalMinutes).toBe(90);
    expect(byRiverside.totalMinutes).toBe(120);
    expect(rows.map((r) => r.number).sort()).toEqual([`ALPHA-${year}-000001`, `ALPHA-${year}-000002`]);
    expect(bySunshine.summary.idNumberMasked).toBe('4401**********123' + ID.slice(-1));
    expect(JSON.stringify(bySunshine.summary)).not.toContain(ID);
    expect(bySunshine.sealDigest).not.toBeNull();
    expect(byRiverside.sealDigest).toBeNull();

    const sheet = await mainOf(await volunteer.client.get(`/certificates/${bySunshine.id}`));
    expect(sheet).toContain(bySunshine.number);
    expect(sheet).toContain('阳光志愿队');
    expect(sheet).toContain(bySunshine.summary.idNumberMasked);
    expect(sheet).not.toContain(ID);
    expect(sheet).toContain(`src="/certificates/${bySunshine.id}/seal"`);
    expect(sheet).not.toContain('河道清洁');
    const other = await mainOf(await volunteer.client.get(`/certificates/${byRiverside.id}`));
    expect(other).toContain('河畔环保社');
    expect(other).toContain('盖章处');

    const seal = await volunteer.client.get(`/certificates/${bySunshine.id}/seal`);
    expect(seal.status).toBe(200);
    expect(seal.headers.get('content-type')).toBe('image/png');
    expect(seal.headers.get('x-content-type-options')).toBe('nosniff');
    expect(seal.headers.get('content-disposition')).toBe('inline; filename="seal.png"');
    expect((await volunteer.client.get(`/certificates/${byRiverside.id}/seal`)).status).toBe(404);
    expect((await otherOrganiser.client.get(`/certificates/${bySunshine.id}/seal`)).status).toBe(403);
  });

  it('keeps the seal a certificate was issued under after the organisation uploads another', async () => {
    const [before] = (await certificatesOf(volunteer.id)).filter((r) => r.organisationId === sunshine);
    const other = Buffer.from(PNG_1x1);
    other[other.length - 20]! ^= 1; // another image of the same type (the checksum is not what the type sniffer reads)
    expect((await organiser.client.postMultipart(`/organisations/${sunshine}/seal`, sealForm(other, 'new.png', 'image/png'))).status).toBe(303);
    const seal = await volunteer.client.get(`/certificates/${before!.id}/seal`);
    expect(Buffer.from(await seal.arrayBuffer())).toEqual(PNG_1x1);
  });

  it('lists every certificate in the city’s register, filtered by organisation and issue date, with its live state, and exports it (audited)', async () => {
    const admin = await signedIn(p, 'alpha', 'admin@alpha.test');
    const all = await mainOf(await admin.client.get('/admin/certificates'));
    expect(all).toContain(`ALPHA-${year}-000001`);
    expect(all).toContain(`ALPHA-${year}-000002`);
    const one = await mainOf(await admin.client.get(`/admin/certificates?organisation=${riverside}`));
    expect(one).toContain('河畔环保社');
    expect(one).toContain('共 1 份');
    const none = await mainOf(await admin.client.get('/admin/certificates?from=2020-01-01&to=2020-12-31'));
    expect(none).toContain('共 0 份');
    const bad = await admin.client.get('/admin/certificates?organisation=nope&from=2025-13-01');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(fieldError(badHtml, 'organisation')).toBeTruthy();
    expect(fieldError(badHtml, 'from')).toBeTruthy();

    // A revoked record makes its certificate 已失效 in the register.
    const [riverRow] = (await certificatesOf(volunteer.id)).filter((r) => r.organisationId === riverside);
    await inCity(p, 'alpha', (tx, t) => revokeRecord(tx, t, riverside, riverRow!.recordIds[0]!, '重复记录', { deciderId: otherOrganiser.id, address: null }, eventsOf(p, 'alpha')));
    expect(await mainOf(await admin.client.get(`/admin/certificates?organisation=${riverside}`))).toContain('已失效');

    const csv = await admin.client.get(`/admin/certificates.csv?organisation=${sunshine}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('证明编号');
    expect(text).toContain('阳光志愿队');
    expect(text).not.toContain('河畔环保社');
    expect(text).not.toContain(ID);
    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'service_certificates.exported'))));
    expect(audit).toHaveLength(1);
  });

  it('keeps the register to the city: 403 for a volunteer and an organiser', async () => {
    for (const client of [volunteer.client, organiser.client]) {
      expect((await client.get('/admin/certificates')).status).toBe(403);
      expect((await client.get('/admin/certificates.csv')).status).toBe(403);
    }
  });
});
