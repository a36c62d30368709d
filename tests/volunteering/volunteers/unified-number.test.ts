import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsForCitus } from '../../../core/db/citus/distribute.ts';
import { migrationsFolder } from '../../../core/db/migrate.ts';
import { tenantManifestSchema } from '../../../core/tenancy/manifest.ts';
import { tenantManifests } from '../../../tenants/index.ts';
import { volunteerProfiles } from '../../../core/volunteering/volunteers/schema.ts';
import { nextVolunteerNumber } from '../../../core/volunteering/volunteers/service.ts';
import { isUnifiedVolunteerNumber, unifiedVolunteerNumber } from '../../../core/volunteering/volunteers/unified-number.ts';
import { startTestPlatform, type TestPlatform } from '../../support/platform.ts';
import { citizen, completeProfile, inCity, mainOf, organisation, project, serviceRecord, signedIn, verify } from '../fixtures.ts';

describe('unified volunteer number structure', () => {
  it('is the division code, a 9-digit sequence and the ISO 7064 MOD 11-2 check character: 16 characters', () => {
    const n = unifiedVolunteerNumber('350200', 42);
    expect(n).toMatch(/^350200000000042[\dX]$/);
    expect(n).toHaveLength(16);
    expect(isUnifiedVolunteerNumber(n)).toBe(true);
    // The check character catches one changed digit and two swapped ones.
    expect(isUnifiedVolunteerNumber(`350200000000043${n[15]}`)).toBe(false);
    expect(isUnifiedVolunteerNumber(`530200000000042${n[15]}`)).toBe(false);
    expect(unifiedVolunteerNumber(null, 1).startsWith('000000000000001')).toBe(true);
    // The same MOD 11-2 as the resident identity card: its published example ends in X.
    expect(isUnifiedVolunteerNumber('11010519491231002X'.slice(2))).toBe(false);
  });

  it('gives each demo city its administrative-division code, and a manifest refuses a malformed one', () => {
    const codes = Object.fromEntries(tenantManifests.map((m) => [m.slug, m.divisionCode]));
    expect(codes).toEqual({ xiamen: '350200', yuexiu: '440104', qionghai: '469002', rongshui: '450225' });
    const parsed = tenantManifestSchema.safeParse({ ...tenantManifests[0], divisionCode: '35020' });
    expect(parsed.success).toBe(false);
  });
});

describe(`unified volunteer numbers in the database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(() => p.close());

  it('never hands out one number twice, even to two cities of the same division', async () => {
    const shared = { divisionCode: '350203' };
    const numbers = [
      await inCity(p, 'alpha', (tx, t) => nextVolunteerNumber(tx, { id: t, ...shared })),
      await inCity(p, 'beta', (tx, t) => nextVolunteerNumber(tx, { id: t, ...shared })),
      await inCity(p, 'alpha', (tx, t) => nextVolunteerNumber(tx, { id: t, ...shared })),
    ];
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.every((n) => n.startsWith('350203') && isUnifiedVolunteerNumber(n))).toBe(true);
    // A volunteer who leaves takes their number with them: the next one is after it.
    const leaving = await citizen(p, 'alpha', '离开者');
    const gone = (await completeProfile(p, 'alpha', leaving.id, '离开者')).volunteerNumber;
    await inCity(p, 'alpha', (tx, t) => tx.delete(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, leaving.id))));
    const after = await inCity(p, 'alpha', (tx, t) => nextVolunteerNumber(tx, { id: t, ...shared }));
    expect(Number(after.slice(6, 15))).toBe(Number(gone.slice(6, 15)) + 1);
    // Nor does a registration that rolls back give its number to the next one.
    let lost = '';
    await inCity(p, 'alpha', async (tx, t) => {
      lost = await nextVolunteerNumber(tx, { id: t, ...shared });
      throw new Error('the registration fails');
    }).catch(() => undefined);
    const next = await inCity(p, 'alpha', (tx, t) => nextVolunteerNumber(tx, { id: t, ...shared }));
    expect(Number(next.slice(6, 15))).toBe(Number(lost.slice(6, 15)) + 1);
  });

  it('backfills every volunteer numbered the old way in the migration from the same sequence', async () => {
    const old = await citizen(p, 'beta', '老志愿者');
    await completeProfile(p, 'beta', old.id, '老志愿者');
    await inCity(p, 'beta', (tx, t) =>
      tx.update(volunteerProfiles).set({ volunteerNumber: 'BETA-000001' }).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, old.id))),
    );
    const newer = await citizen(p, 'beta', '新志愿者');
    const kept = (await completeProfile(p, 'beta', newer.id, '新志愿者')).volunteerNumber;

    const statements = readFileSync(`${migrationsFolder}0027_unified_volunteer_number_backfill.sql`, 'utf8').split('--> statement-breakpoint');
    // As the migrator runs it: on Citus arranged for the cluster (core/db/citus/distribute.ts).
    await p.db.platform(async (tx) => {
      for (const statement of p.db.distributed ? statementsForCitus(statements) : statements) await tx.execute(sql.raw(statement));
    });

    const numberOf = (userId: string) =>
      inCity(p, 'beta', async (tx, t) => (await tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, userId))))[0]!.volunteerNumber);
    const backfilled = await numberOf(old.id);
    expect(isUnifiedVolunteerNumber(backfilled)).toBe(true);
    expect(backfilled.slice(0, 6)).toBe('000000');
    expect(Number(backfilled.slice(6, 15))).toBeGreaterThan(Number(kept.slice(6, 15)));
    expect(await numberOf(newer.id)).toBe(kept);
    // The sequence moved past it: the next volunteer does not get it again.
    const next = await inCity(p, 'beta', (tx, t) => nextVolunteerNumber(tx, { id: t, divisionCode: null }));
    expect(Number(next.slice(6, 15))).toBeGreaterThan(Number(backfilled.slice(6, 15)));
  });

  it('prints the unified number on the certificate and in the service-record export', async () => {
    const organiser = await citizen(p, 'alpha', '组织者');
    const orgId = await organisation(p, 'alpha', organiser.id);
    const projectId = await project(p, 'alpha', orgId, organiser.id);
    const volunteer = await citizen(p, 'alpha', '编号人', { profile: true });
    const number = (await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), eq(volunteerProfiles.userId, volunteer.id)))))[0]!.volunteerNumber;
    const recordId = await serviceRecord(p, 'alpha', volunteer.id, projectId, { startedAt: new Date('2026-03-01T01:00:00Z'), minutes: 60 });
    await verify(p, 'alpha', orgId, organiser.id, [recordId]);

    const issued = await volunteer.client.post('/volunteer/certificates', { from: '2026-03-01', to: '2026-03-31' });
    expect(issued.status).toBe(303);
    const certificate = await mainOf(await volunteer.client.get(issued.headers.get('location')!));
    expect(certificate).toContain('志愿者统一编号');
    expect(certificate).toContain(number);

    const { client: admin } = await signedIn(p, 'alpha', 'admin@alpha.test');
    const csv = await (await admin.get('/admin/records.csv?from=2026-03-01&to=2026-03-31&status=verified')).text();
    expect(csv.split('\r\n')[0]).toContain('志愿者统一编号');
    expect(csv).toContain(`${number},编号人`);
  });
});
