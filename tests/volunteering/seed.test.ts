import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTenants } from '../../core/tenancy/sync.ts';
import { activities, organisations, projects, volunteerProfiles } from '../../core/volunteering/schema.ts';
import { TestClient } from '../support/client.ts';
import { testCities } from '../support/cities.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { inCity, mainOf, origin, userIdOf } from './fixtures.ts';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const counts = (slug: string) =>
  inCity(p, slug, async (tx, t) => ({
    organisations: await tx.select().from(organisations).where(eq(organisations.tenantId, t)),
    projects: await tx.select().from(projects).where(eq(projects.tenantId, t)),
    activities: await tx.select().from(activities).where(eq(activities.tenantId, t)),
  }));

describe(`demo data (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives a demo city approved organisations, published projects in several categories and districts, and upcoming activities', async () => {
    const { organisations: orgs, projects: list, activities: sessions } = await counts('alpha');
    expect(orgs).toHaveLength(2);
    expect(orgs.every((o) => o.status === 'approved')).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.every((x) => x.status === 'published')).toBe(true);
    expect(new Set(list.map((x) => x.category)).size).toBe(list.length);
    expect(new Set(list.map((x) => x.district)).size).toBeGreaterThan(1);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((a) => a.startsAt > new Date())).toBe(true);
    const menu = await mainOf(await new TestClient(p.app, origin('alpha')).get('/projects'));
    for (const x of list) expect(menu).toContain(x.name);
    // The demo volunteer can sign up straight away.
    const volunteer = await userIdOf(p, 'alpha', 'vol@alpha.test');
    const profile = await inCity(p, 'alpha', (tx, t) => tx.select().from(volunteerProfiles).where(eq(volunteerProfiles.tenantId, t)));
    expect(profile.map((x) => x.userId)).toEqual([volunteer]);
  });

  it('adds nothing on a later start', async () => {
    const before = await counts('beta');
    await syncTenants(p.db, testCities, { registry: p.registry, seedDemo: true });
    const after = await counts('beta');
    expect(after.organisations.map((o) => o.id)).toEqual(before.organisations.map((o) => o.id));
    expect(after.projects).toHaveLength(before.projects.length);
    expect(after.activities).toHaveLength(before.activities.length);
  });
});
