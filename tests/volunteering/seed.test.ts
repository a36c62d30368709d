import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../core/db/database.ts';
import { auditLog } from '../../core/db/schema/audit.ts';
import { users } from '../../core/db/schema/identity.ts';
import { ledgerAccounts, ledgerTransfers } from '../../core/ledger/schema.ts';
import { verifyLedger } from '../../core/ledger/verify.ts';
import { definePlugin } from '../../core/plugin-api.ts';
import { syncTenants } from '../../core/tenancy/sync.ts';
import type { Tenant } from '../../core/tenancy/tenant.ts';
import { activities, activitySignups } from '../../core/volunteering/activities/schema.ts';
import { organisationMembers, organisations } from '../../core/volunteering/organisations/schema.ts';
import { projects } from '../../core/volunteering/projects/schema.ts';
import { volunteerProfiles } from '../../core/volunteering/volunteers/schema.ts';
import { serviceRecords } from '../../core/volunteering/records/schema.ts';
import { DAY_MS } from '../../core/volunteering/shared/time.ts';
import { SERVICE_MINUTES, volunteerAccountCode } from '../../core/volunteering/records/verification.ts';
import { tenantManifests } from '../../tenants/index.ts';
import xiamen from '../../tenants/xiamen.ts';
import { TestClient } from '../support/client.ts';
import { testCities } from '../support/cities.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { inCity, mainOf, origin, userIdOf } from './fixtures.ts';

/** Hears `service.verified` as a plugin would, to prove the demo verifications reach plugins like real ones. */
const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  name: { 'zh-CN': '监听', en: 'Listener' },
  settings: z.object({}),
  on: {
    'service.verified': ({ records }, city) =>
      city.work(async (w) => {
        for (const e of records) await w.audit({ actor: 'plugin:listener', action: 'listener.verified', target: e.recordId });
      }),
  },
});
/** The Xiamen demo manifest with the listener switched on, so it is enabled before the seed runs. */
const demoCity = { ...xiamen, plugins: { listener: { settings: {} } } };

let p: TestPlatform;
let demo: Tenant;
beforeAll(async () => {
  p = await startTestPlatform({ plugins: [listener] });
  demo = (await syncTenants(p.db, [demoCity], { registry: p.registry, seedDemo: true, site: p.config }))[0]!;
});
afterAll(() => p.close());

const counts = (slug: string) =>
  inCity(p, slug, async (tx, t) => ({
    organisations: await tx.select().from(organisations).where(eq(organisations.tenantId, t)),
    projects: await tx.select().from(projects).where(eq(projects.tenantId, t)),
    activities: await tx.select().from(activities).where(eq(activities.tenantId, t)),
  }));
const inDemo = <T>(work: (tx: Tx, tenantId: string) => Promise<T>) => p.db.tenant(demo.id, (tx) => work(tx, demo.id));
const demoUser = (email: string) => inDemo(async (tx, t) => (await tx.select().from(users).where(and(eq(users.tenantId, t), eq(users.email, email))))[0]!.id);
const demoState = () =>
  inDemo(async (tx, t) => ({
    users: await tx.select().from(users).where(eq(users.tenantId, t)),
    activities: await tx.select().from(activities).where(eq(activities.tenantId, t)),
    signups: await tx.select().from(activitySignups).where(eq(activitySignups.tenantId, t)),
    records: await tx.select().from(serviceRecords).where(eq(serviceRecords.tenantId, t)),
    transfers: await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.tenantId, t)),
    projects: await tx.select().from(projects).where(eq(projects.tenantId, t)),
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

  it('gives the test cities, which have no organiser account, no past service: their tests start from an empty ledger', async () => {
    for (const slug of ['alpha', 'beta']) {
      const rows = await inCity(p, slug, async (tx, t) => [
        ...(await tx.select().from(serviceRecords).where(eq(serviceRecords.tenantId, t))),
        ...(await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.tenantId, t))),
        ...(await tx.select().from(activitySignups).where(eq(activitySignups.tenantId, t))),
      ]);
      expect([slug, rows]).toEqual([slug, []]);
    }
  });

  it('adds nothing on a later start', async () => {
    const before = await counts('beta');
    await syncTenants(p.db, testCities, { registry: p.registry, seedDemo: true, site: p.config });
    const after = await counts('beta');
    expect(after.organisations.map((o) => o.id)).toEqual(before.organisations.map((o) => o.id));
    expect(after.projects).toHaveLength(before.projects.length);
    expect(after.activities).toHaveLength(before.activities.length);
  });
});

describe(`demo city history (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('declares an organiser (social worker) and a volunteer account in every demo city', () => {
    for (const m of tenantManifests) {
      const roles = (m.demoAccounts ?? []).flatMap((a) => a.roles);
      expect([m.slug, roles.includes('social_worker'), roles.includes('volunteer')]).toEqual([m.slug, true, true]);
    }
  });

  it('makes the organiser org_admin of both demo organisations, and lets the organiser sign in', async () => {
    const organiser = await demoUser('social@xiamen.example');
    const memberships = await inDemo((tx, t) => tx.select().from(organisationMembers).where(eq(organisationMembers.tenantId, t)));
    expect(memberships.map((m) => [m.userId, m.role])).toEqual([
      [organiser, 'org_admin'],
      [organiser, 'org_admin'],
    ]);
    const client = new TestClient(p.app, origin('xiamen'));
    const signIn = await client.post('/sign-in', { login: 'social@xiamen.example', password: 'demo-social-2026' });
    expect([signIn.status, signIn.headers.get('location')]).toEqual([303, '/']);
  });

  it('has past sessions over six months in every project, with demo volunteers who cannot sign in', async () => {
    const now = new Date();
    const { users: people, activities: sessions, signups, projects: list } = await demoState();
    const past = sessions.filter((a) => a.endsAt < now);
    expect(past.length).toBeGreaterThanOrEqual(8);
    expect(new Set(past.map((a) => a.projectId))).toEqual(new Set(list.map((x) => x.id)));
    expect(Math.min(...past.map((a) => a.startsAt.getTime()))).toBeLessThan(now.getTime() - 150 * DAY_MS);
    expect(past.every((a) => a.startsAt.getTime() > now.getTime() - 190 * DAY_MS)).toBe(true);
    expect(sessions.some((a) => a.startsAt > now)).toBe(true);
    for (const a of past) {
      const confirmed = signups.filter((s) => s.activityId === a.id && s.status === 'confirmed');
      expect(confirmed.length).toBeGreaterThan(0);
      expect(a.queueCounter).toBe(confirmed.length);
    }
    const withoutPassword = people.filter((u) => u.passwordHash === null);
    expect(withoutPassword.length).toBeGreaterThanOrEqual(10);
    const profiles = await inDemo((tx, t) =>
      tx.select().from(volunteerProfiles).where(and(eq(volunteerProfiles.tenantId, t), inArray(volunteerProfiles.userId, withoutPassword.map((u) => u.id)))),
    );
    expect(profiles).toHaveLength(withoutPassword.length);
    expect(new Set(profiles.map((x) => x.volunteerNumber)).size).toBe(profiles.length);
    expect(profiles.every((x) => /^350200\d{9}[\dX]$/.test(x.volunteerNumber) && /[\u4e00-\u9fff]/.test(x.realName))).toBe(true);
  });

  it('keeps every record consistent with its session: check-in source, times inside it, minutes = duration, same organisation and project', async () => {
    const { activities: sessions, signups, records, projects: list } = await demoState();
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) {
      const a = sessions.find((x) => x.id === r.activityId)!;
      const project = list.find((x) => x.id === a.projectId)!;
      expect(r.source).toBe('checkin');
      expect([r.projectId, r.organisationId]).toEqual([project.id, project.organisationId]);
      expect(r.startedAt >= a.startsAt && r.endedAt! <= a.endsAt && r.endedAt! > r.startedAt).toBe(true);
      expect(r.minutes).toBe((r.endedAt!.getTime() - r.startedAt.getTime()) / 60_000);
      expect(signups.some((s) => s.activityId === a.id && s.userId === r.volunteerUserId && s.status === 'confirmed')).toBe(true);
    }
  });

  it('posts the verified minutes to the ledger: balances equal the records, the chain verifies and plugins heard each one', async () => {
    const { records } = await demoState();
    const verified = records.filter((r) => r.status === 'verified');
    expect(verified.length).toBeGreaterThan(records.length / 2);
    const accounts = await inDemo((tx, t) => tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.unit, SERVICE_MINUTES))));
    for (const volunteer of new Set(verified.map((r) => r.volunteerUserId))) {
      const minutes = verified.filter((r) => r.volunteerUserId === volunteer).reduce((s, r) => s + r.minutes, 0);
      expect(accounts.find((a) => a.code === volunteerAccountCode(volunteer))!.balance).toBe(minutes);
    }
    const check = await inDemo((tx, t) => verifyLedger(tx, t));
    expect(check).toMatchObject({ ok: true, transfers: verified.length });
    const heard = await inDemo((tx, t) => tx.select().from(auditLog).where(and(eq(auditLog.tenantId, t), eq(auditLog.action, 'listener.verified'))));
    expect(heard.map((h) => h.target).sort()).toEqual(verified.map((r) => r.id).sort());
  });

  it('leaves the organiser pending records to verify, one rejected with its reason and evaluations with a rating', async () => {
    const organiser = await demoUser('social@xiamen.example');
    const { records } = await demoState();
    const theirs = await inDemo((tx, t) => tx.select().from(organisationMembers).where(and(eq(organisationMembers.tenantId, t), eq(organisationMembers.userId, organiser))));
    const pending = records.filter((r) => r.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.every((r) => theirs.some((m) => m.organisationId === r.organisationId) && r.transferId === null)).toBe(true);
    const rejected = records.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.rejectionReason).toMatch(/不予认定/);
    expect(rejected[0]!.decidedBy).toBe(organiser);
    const evaluated = records.filter((r) => r.rating !== null);
    expect(evaluated.length).toBeGreaterThanOrEqual(1);
    expect(evaluated.every((r) => r.status === 'verified' && r.rating! >= 1 && r.rating! <= 5 && r.evaluation && r.evaluatedBy === organiser)).toBe(true);
  });

  it('gives the demo volunteer account several verified records over recent months', async () => {
    const volunteer = await demoUser('volunteer@xiamen.example');
    const { records } = await demoState();
    const theirs = records.filter((r) => r.volunteerUserId === volunteer && r.status === 'verified');
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(theirs.map((r) => r.startedAt.toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(2);
    const [account] = await inDemo((tx, t) =>
      tx.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.tenantId, t), eq(ledgerAccounts.code, volunteerAccountCode(volunteer)))),
    );
    expect(account!.balance).toBe(theirs.reduce((s, r) => s + r.minutes, 0));
  });

  it('adds nothing when the demo city is synced again', async () => {
    const count = async () => Object.fromEntries(Object.entries(await demoState()).map(([k, v]) => [k, v.length]));
    const before = await count();
    await syncTenants(p.db, [demoCity], { registry: p.registry, seedDemo: true, site: p.config });
    expect(await count()).toEqual(before);
    const passwordless = await inDemo((tx, t) => tx.select().from(users).where(and(eq(users.tenantId, t), isNull(users.passwordHash))));
    expect(passwordless.length).toBe(before.users! - xiamen.demoAccounts!.length);
  });
});
