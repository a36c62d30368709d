import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { userRoles, users } from '../../db/schema/identity.ts';
import type { Tenant } from '../../tenancy/tenant.ts';
import { createActivity } from '../activities/service.ts';
import type { OrganisationKind, ProjectCategory } from './catalogue.ts';
import { DEFAULT_DISTRICTS, listDistricts, replaceDistricts } from './districts.ts';
import { advanceProject, createProject } from '../projects/service.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { type PastProject, seedPastService } from './seed-past-service.ts';
import { DAY_MS, parseLocalDate, toLocalDateInput } from './time.ts';
import type { RecordEvents } from '../records/verification.ts';
import { findProfile, saveProfile } from '../volunteers/service.ts';

/** Districts of the demo cities; any other city gets the defaults of a new city. */
const DEMO_DISTRICTS: Record<string, string[]> = {
  xiamen: ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'],
  yuexiu: ['北京街道', '人民街道', '东山街道', '农林街道', '建设街道', '大塘街道', '珠光街道', '华乐街道'],
  qionghai: ['嘉积镇', '博鳌镇', '万泉镇', '潭门镇', '长坡镇', '中原镇'],
};

type DemoProject = {
  org: 0 | 1;
  name: string;
  category: ProjectCategory;
  district: number;
  targetGroups: string[];
  place: string;
  description: string;
  activity: string;
  /** What a volunteer did in one session (服务内容), and when sessions start (minutes after midnight, China time) and how long they last. */
  service: { content: string; startMinute: number; minutes: number };
};

const ORGANISATIONS: { suffix: string; kind: OrganisationKind; description: string }[] = [
  { suffix: '阳光社会工作服务中心', kind: 'social_work_org', description: '专业社工机构，为社区老人、儿童和困难家庭提供个案、小组和社区服务。' },
  { suffix: '青年志愿服务队', kind: 'volunteer_team', description: '由青年志愿者组成，开展环保、应急和文化志愿服务。' },
];

const PROJECTS: DemoProject[] = [
  { org: 0, name: '邻里助老·陪伴行动', category: 'elder_care', district: 0, targetGroups: ['elderly'], place: '社区长者服务站', description: '上门探访独居老人，陪伴聊天、代购生活用品、协助使用智能手机。', activity: '独居老人探访', service: { content: '上门探访独居老人，陪伴聊天、代购生活用品、教老人使用智能手机。', startMinute: 9 * 60, minutes: 150 } },
  { org: 0, name: '四点半课堂', category: 'child_care', district: 1, targetGroups: ['children'], place: '社区党群服务中心二楼', description: '放学后为双职工家庭的孩子辅导作业、开展阅读和手工活动。', activity: '作业辅导与阅读', service: { content: '辅导小学生完成作业，带领绘本共读。', startMinute: 16 * 60 + 30, minutes: 90 } },
  { org: 1, name: '净滩护海行动', category: 'environment', district: 2, targetGroups: ['residents'], place: '海滨公园入口', description: '清理海滩垃圾，向游客宣传垃圾分类和海洋保护。', activity: '周末净滩', service: { content: '清理海滩垃圾并分类，向游客宣传海洋保护。', startMinute: 8 * 60, minutes: 180 } },
  { org: 1, name: '应急救护培训与演练', category: 'emergency', district: 3, targetGroups: ['residents'], place: '街道应急服务站', description: '学习心肺复苏和止血包扎，参与社区应急疏散演练。', activity: '心肺复苏培训', service: { content: '协助急救培训师示范心肺复苏，维持培训现场秩序。', startMinute: 14 * 60, minutes: 120 } },
];

/** The demo user who runs the seeded organisations: a social worker if the city has one, else a city admin. */
async function demoOrganiser(tx: Tx, tenantId: string): Promise<{ id: string; role: string } | null> {
  for (const role of ['social_worker', 'city_admin']) {
    const [row] = await tx
      .select({ id: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.tenantId, tenantId), eq(userRoles.role, role)))
      .orderBy(asc(userRoles.grantedAt))
      .limit(1);
    if (row) return { id: row.id, role };
  }
  return null;
}

/**
 * Demo data for a city that has no organisations yet: districts, two approved
 * organisations, published projects with upcoming activities, and profiles for
 * the demo volunteers. No password hashing: it reuses the demo accounts.
 * A city whose demo accounts include an organiser (a social worker) also gets
 * six months of past service, verified by that organiser (`events`: the plugin
 * registry, so the verifications reach plugins as real ones do). The test
 * cities have none, so their tests start from an empty ledger.
 */
export async function seedVolunteering(tx: Tx, tenant: Pick<Tenant, 'id' | 'slug' | 'names' | 'divisionCode'>, events: RecordEvents, now = new Date()): Promise<void> {
  const tenantId = tenant.id;
  if ((await listDistricts(tx, tenantId)).length === 0) {
    await replaceDistricts(tx, tenantId, DEMO_DISTRICTS[tenant.slug] ?? DEFAULT_DISTRICTS, { actor: 'platform:seed', address: null });
  }
  const districts = await listDistricts(tx, tenantId);
  const [existing] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.tenantId, tenantId)).limit(1);
  const lead = await demoOrganiser(tx, tenantId);
  if (existing || !lead) return;
  const organiser = lead.id;

  const orgIds: string[] = [];
  for (const [i, o] of ORGANISATIONS.entries()) {
    const id = newId();
    orgIds.push(id);
    await tx.insert(organisations).values({
      tenantId,
      id,
      name: `${tenant.names['zh-CN']}${o.suffix}`,
      kind: o.kind,
      description: o.description,
      district: districts[i % districts.length]!,
      contactPhone: `1380000000${i + 1}`,
      status: 'approved',
      applicantId: organiser,
      reviewedBy: organiser,
      reviewedAt: now,
    });
    // Membership only: the demo accounts keep exactly the city roles their manifest gives them.
    await tx.insert(organisationMembers).values({ tenantId, organisationId: id, userId: organiser, role: 'org_admin', addedBy: organiser });
  }

  const today = parseLocalDate(toLocalDateInput(now))!;
  const past: PastProject[] = [];
  for (const [i, p] of PROJECTS.entries()) {
    const projectId = await createProject(tx, tenantId, orgIds[p.org]!, organiser, {
      name: p.name,
      category: p.category,
      targetGroups: p.targetGroups,
      district: districts[p.district % districts.length]!,
      // Running for half a year already: the past sessions fall inside it.
      startsOn: new Date(today.getTime() - 182 * DAY_MS),
      endsOn: new Date(today.getTime() + 90 * DAY_MS),
      place: p.place,
      contact: `1380000000${p.org + 1}`,
      volunteersWanted: 20,
      description: p.description,
    });
    await advanceProject(tx, tenantId, projectId, 'draft');
    past.push({ projectId, organisationId: orgIds[p.org]!, title: p.activity, place: p.place, requiresApproval: i === 1, ...p.service });
    for (const week of [0, 1]) {
      // 09:00 China time, a few days out, so the activities stay upcoming for a while after seeding.
      const startsAt = new Date(today.getTime() + (3 + i + week * 7) * DAY_MS + 9 * 60 * 60 * 1000);
      await createActivity(tx, tenantId, projectId, organiser, {
        title: `${p.activity}（第 ${week + 1} 期）`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 150 * 60 * 1000),
        place: p.place,
        capacity: week === 0 ? 10 : 3,
        requiresApproval: i === 1,
      });
    }
  }
  const demoVolunteers = await seedVolunteerProfiles(tx, tenant, districts);
  if (lead.role !== 'social_worker') return;
  await seedPastService(tx, tenant, { organiserId: organiser, projects: past, districts, demoAccounts: demoVolunteers, today }, events, now);
}

/** Demo accounts with the city role `volunteer` get a completed profile, so they can sign up at once. */
async function seedVolunteerProfiles(tx: Tx, tenant: Pick<Tenant, 'id' | 'slug' | 'divisionCode'>, districts: string[]): Promise<string[]> {
  const volunteers = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .where(and(eq(users.tenantId, tenant.id), inArray(userRoles.role, ['volunteer'])))
    .orderBy(asc(users.createdAt));
  for (const [i, v] of volunteers.entries()) {
    if (await findProfile(tx, tenant.id, v.id)) continue;
    await saveProfile(tx, tenant, v.id, {
      realName: v.name,
      mobile: `139000000${String(i + 1).padStart(2, '0')}`,
      skills: ['events'],
      serviceAreas: districts.slice(0, 2),
      availability: ['weekend'],
      idDocument: null,
    });
  }
  return volunteers.map((v) => v.id);
}
