import type { Tx } from '../../core/db/database.ts';
import { newId } from '../../core/db/ids.ts';
import { createUser, findUserByLogin } from '../../core/identity/users.ts';
import { createActivity } from '../../core/volunteering/activities/service.ts';
import type { ProjectCategory } from '../../core/volunteering/shared/catalogue.ts';
import { listDistricts } from '../../core/volunteering/shared/districts.ts';
import { approveOrganisation, applyForOrganisation } from '../../core/volunteering/organisations/service.ts';
import { advanceProject, createProject, findProject } from '../../core/volunteering/projects/service.ts';
import { activitySignups } from '../../core/volunteering/activities/schema.ts';
import { serviceRecords } from '../../core/volunteering/records/schema.ts';
import { verifyRecords } from '../../core/volunteering/records/verification.ts';
import { DAY_MS } from '../../core/volunteering/shared/time.ts';
import { saveProfile } from '../../core/volunteering/volunteers/service.ts';
import { TestClient } from '../support/client.ts';
import type { TestPlatform } from '../support/platform.ts';
import { signInAs } from '../support/sign-in.ts';
import { pluginCity } from '../../core/plugins/context.ts';
import { citySiteUrl } from '../../core/platform/site-url.ts';

/**
 * Set-up through the services (fast, no pages): the tests then act through
 * the pages and check what a user sees.
 */
export const origin = (slug: string) => `http://${slug}.localhost`;

/** The page's own content, without the menu (which names the signed-in user). */
export const mainOf = async (res: Response) => /<main[^>]*>([\s\S]*)<\/main>/.exec(await res.text())?.[1] ?? '';

/** The error message shown beside a field (views/components/field.tsx and the volunteering inputs). */
export const fieldError = (html: string, name: string) => new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html)?.[1] ?? null;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A well-formed identity card number: 17 digits and their check character. */
export function idCard(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

export const tenantOf = (p: TestPlatform, slug: string) => p.cities[slug]!;
/** A city's events as the core's services emit them outside a request (no one signed in). */
export const eventsOf = (p: TestPlatform, slug: string) => p.registry.eventsFor(pluginCity(p.cities[slug]!, citySiteUrl(p.cities[slug]!, p.config)));

export const inCity = <T>(p: TestPlatform, slug: string, work: (tx: Tx, tenantId: string) => Promise<T>) =>
  p.db.tenant(tenantOf(p, slug).id, (tx) => work(tx, tenantOf(p, slug).id));

export async function userIdOf(p: TestPlatform, slug: string, email: string): Promise<string> {
  return (await inCity(p, slug, (tx, t) => findUserByLogin(tx, t, email)))!.id;
}

/** A demo account signed in on its city's site. */
export async function signedIn(p: TestPlatform, slug: string, email: string) {
  const client = new TestClient(p.app, origin(slug));
  const user = await signInAs(p, client, slug, email);
  return { client, id: user.id };
}

/** A new citizen of the city, signed in; with `profile` also a volunteer with a completed profile. */
export async function citizen(p: TestPlatform, slug: string, name: string, options: { profile?: boolean; idCardNumber?: string } = {}) {
  const email = `${newId()}@citizens.test`;
  const id = await inCity(p, slug, (tx, t) => createUser(tx, t, { name, email, passwordHash: null }));
  if (options.profile) await completeProfile(p, slug, id, name, options.idCardNumber ?? null);
  const client = new TestClient(p.app, origin(slug));
  await signInAs(p, client, slug, email);
  return { client, id, email };
}

export async function completeProfile(p: TestPlatform, slug: string, userId: string, name: string, idCardNumber: string | null = null) {
  return inCity(p, slug, async (tx, t) => {
    const districts = await listDistricts(tx, t);
    const mobile = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    return (await saveProfile(tx, tenantOf(p, slug), userId, { realName: name, mobile, skills: [], serviceAreas: districts.slice(0, 1), availability: ['weekend'], idDocument: idCardNumber ? { type: 'resident_id', number: idCardNumber } : null })).profile;
  });
}

/** An approved organisation administered by `adminUserId`, reviewed by the city admin. */
export async function organisation(p: TestPlatform, slug: string, adminUserId: string, name = `机构${newId().slice(-8)}`) {
  const reviewer = await userIdOf(p, slug, `admin@${slug}.test`);
  return inCity(p, slug, async (tx, t) => {
    const [district] = await listDistricts(tx, t);
    const applied = await applyForOrganisation(tx, t, adminUserId, { name, kind: 'volunteer_team', description: '测试组织', district: district!, contactPhone: '13800138000', creditCode: null });
    if (!applied.ok) throw new Error('could not apply');
    await approveOrganisation(tx, t, applied.id, { reviewerId: reviewer, address: null });
    return applied.id;
  });
}

export type ProjectOptions = { name?: string; category?: ProjectCategory; district?: string; publish?: boolean };

export async function project(p: TestPlatform, slug: string, organisationId: string, userId: string, options: ProjectOptions = {}) {
  return inCity(p, slug, async (tx, t) => {
    const [firstDistrict] = await listDistricts(tx, t);
    const id = await createProject(tx, t, organisationId, userId, {
      name: options.name ?? `项目${newId().slice(-8)}`,
      category: options.category ?? 'community_service',
      targetGroups: ['residents'],
      district: options.district ?? firstDistrict!,
      startsOn: new Date(),
      endsOn: new Date(Date.now() + 30 * DAY_MS),
      place: '社区中心',
      contact: '13800138000',
      volunteersWanted: 5,
      description: '测试项目',
    });
    if (options.publish !== false) await advanceProject(tx, t, id, 'draft');
    return id;
  });
}

export type ActivityOptions = { title?: string; capacity?: number; requiresApproval?: boolean; startsAt?: Date };

export async function activity(p: TestPlatform, slug: string, projectId: string, userId: string, options: ActivityOptions = {}) {
  const startsAt = options.startsAt ?? new Date(Date.now() + 3 * DAY_MS);
  return inCity(p, slug, (tx, t) =>
    createActivity(tx, t, projectId, userId, {
      title: options.title ?? `活动${newId().slice(-8)}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
      place: '社区中心',
      capacity: options.capacity ?? 10,
      requiresApproval: options.requiresApproval ?? false,
    }),
  );
}

export type RecordOptions = { activityId?: string | null; minutes?: number; startedAt?: Date; status?: 'open' | 'pending'; content?: string; source?: 'checkin' | 'claim' | 'organiser' };

/** A service record written straight to the table, as a check-out or a claim leaves it: pending unless told otherwise. */
export async function serviceRecord(p: TestPlatform, slug: string, volunteerId: string, projectId: string, options: RecordOptions = {}) {
  return inCity(p, slug, async (tx, t) => {
    const found = await findProject(tx, t, projectId);
    if (!found) throw new Error('no such project');
    const minutes = options.minutes ?? 120;
    const startedAt = options.startedAt ?? new Date(Date.now() - DAY_MS);
    const id = newId();
    await tx.insert(serviceRecords).values({
      tenantId: t,
      id,
      volunteerUserId: volunteerId,
      organisationId: found.project.organisationId,
      projectId,
      activityId: options.activityId ?? null,
      source: options.source ?? 'claim',
      status: options.status ?? 'pending',
      startedAt,
      endedAt: options.status === 'open' ? null : new Date(startedAt.getTime() + minutes * 60_000),
      minutes: options.status === 'open' ? 0 : minutes,
      content: options.content ?? '陪伴老人聊天',
      createdBy: volunteerId,
    });
    return id;
  });
}

/** Verifies records as the organiser would (ledger posting and events included). */
export async function verify(p: TestPlatform, slug: string, organisationId: string, deciderId: string, recordIds: string[]) {
  return inCity(p, slug, (tx, t) =>
    verifyRecords(tx, t, organisationId, recordIds.map((recordId) => ({ recordId })), { deciderId, address: null }, eventsOf(p, slug)),
  );
}

/** A confirmed sign-up written straight to the table: sign-ups close at the start, attendance tests need running or past activities. */
export async function confirmedSignup(p: TestPlatform, slug: string, activityId: string, userId: string, status: 'confirmed' | 'pending' = 'confirmed') {
  await inCity(p, slug, (tx, t) => tx.insert(activitySignups).values({ tenantId: t, activityId, userId, status, queueNumber: 1 }));
}
