import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/db/schema/audit.ts';
import { EXCHANGE_FIELDS } from '../../../core/volunteering/exchange/format.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, fieldError, idCard, inCity, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

const china = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);
const ID = idCard('35020319880808123');

let p: TestPlatform;
let recordId: string;
let number: string;

beforeAll(async () => {
  p = await startTestPlatform();
  const organiser = await citizen(p, 'alpha', '组织者');
  const orgId = await organisation(p, 'alpha', organiser.id, '甲社工中心');
  const elder = await project(p, 'alpha', orgId, organiser.id, { name: '长者陪伴', category: 'elder_care' });
  const zhang = await citizen(p, 'alpha', '张三', { profile: true, idCardNumber: ID });
  recordId = await serviceRecord(p, 'alpha', zhang.id, elder, { startedAt: china('2026-03-05 09:30'), minutes: 150, content: '=陪伴老人' });
  await serviceRecord(p, 'alpha', zhang.id, elder, { startedAt: china('2026-03-06 09:30'), minutes: 30, content: '待核实' });
  await verify(p, 'alpha', orgId, organiser.id, [recordId]);
  number = (await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, zhang.id)))))[0]!.volunteerNumber;
});
afterAll(() => p.close());

const FILE = '/admin/exchange/file?from=2026-03-01&to=2026-03-31';
const expected = () => ({
  sourceId: `alpha/${recordId}`,
  volunteerNumber: number,
  volunteerName: '张三',
  idType: '居民身份证',
  idNumber: ID,
  organisation: '甲社工中心',
  project: '长者陪伴',
  activity: '',
  category: '助老服务',
  startedAt: '2026-03-05 09:30',
  minutes: 150,
  content: '=陪伴老人',
  recordedBy: '甲市',
});

describe(`service-record exchange export (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('writes the city\'s verified records as CSV with the exchange headings, the unified number and the ID number in full', async () => {
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const res = await client.get(`${FILE}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows: string[][] = parse(await res.text(), { bom: true });
    expect(rows[0]).toEqual(EXCHANGE_FIELDS.map(([, heading]) => heading));
    expect(rows).toHaveLength(2); // the pending record is not exchanged
    const record = Object.fromEntries(EXCHANGE_FIELDS.map(([key], i) => [key, rows[1]![i]]));
    // A formula is made inert for spreadsheets: a leading quote.
    expect({ ...record, minutes: Number(record.minutes), content: record.content!.replace(/^'/, '') }).toMatchObject(expected());
    expect(record.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('writes the same records as JSON, with the format, its version and the source city', async () => {
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const res = await client.get(`${FILE}&format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.json');
    const file = JSON.parse(await res.text());
    expect(file).toMatchObject({ format: 'volunteer-commons/service-records', version: 1, source: { city: '甲市', divisionCode: '350203' } });
    expect(file.records).toHaveLength(1);
    expect(Object.keys(file.records[0])).toEqual(EXCHANGE_FIELDS.map(([key]) => key));
    expect(file.records[0]).toMatchObject(expected());

    const audit = await inCity(p, 'alpha', (tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'service_records.exchange_exported'))));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit)).not.toContain(ID);
  });

  it('refuses a bad date beside the field, and anyone but a city admin', async () => {
    const { client } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const bad = await client.get('/admin/exchange/file?from=2026-02-30&to=2026-03-31&format=csv');
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'from')).toContain('年-月-日');
    expect((await client.get('/admin/exchange')).status).toBe(200);
    const volunteer = await signedIn(p, 'alpha', 'vol@alpha.test');
    expect((await volunteer.client.get(`${FILE}&format=csv`)).status).toBe(403);
    expect((await volunteer.client.get('/admin/exchange')).status).toBe(403);
  });
});
