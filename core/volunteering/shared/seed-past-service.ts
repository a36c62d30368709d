import type { Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { users } from '../../db/schema/identity.ts';
import type { Tenant } from '../../tenancy/tenant.ts';
import { activities, activitySignups } from '../activities/schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { DAY_MS } from './time.ts';
import { type RecordEvents, rejectRecord, verifyRecords } from '../records/verification.ts';
import { saveProfile } from '../volunteers/service.ts';

/**
 * Six months of past service for a demo city, so a new visitor sees a living
 * platform and `ledger:verify` has a real chain to check: demo volunteers (no
 * password: they cannot sign in), past sessions of every demo project with
 * confirmed sign-ups and check-in records, most verified through the ledger,
 * the latest session still pending, one record rejected, two evaluated.
 */

/** A seeded project and what its sessions look like. */
export type PastProject = {
  projectId: string;
  organisationId: string;
  title: string;
  place: string;
  content: string;
  requiresApproval: boolean;
  /** Start of its sessions in minutes after midnight, China time, and their length. */
  startMinute: number;
  minutes: number;
};

const VOLUNTEERS: { name: string; skills: string[]; availability: string[] }[] = [
  { name: '李秀英', skills: ['elder_care'], availability: ['weekday_daytime'] },
  { name: '王建国', skills: ['driving', 'repairs'], availability: ['weekend'] },
  { name: '张丽华', skills: ['tutoring'], availability: ['weekday_evening', 'weekend'] },
  { name: '刘洋', skills: ['first_aid'], availability: ['weekend'] },
  { name: '陈静', skills: ['counselling'], availability: ['weekday_evening'] },
  { name: '杨帆', skills: ['photography', 'events'], availability: ['weekend', 'holiday'] },
  { name: '赵敏', skills: ['medical', 'first_aid'], availability: ['weekend'] },
  { name: '黄志强', skills: ['it'], availability: ['weekday_evening'] },
  { name: '周晓燕', skills: ['tutoring', 'languages'], availability: ['weekday_daytime'] },
  { name: '吴磊', skills: ['events'], availability: ['weekend'] },
  { name: '徐婷婷', skills: ['sign_language'], availability: ['holiday'] },
  { name: '孙浩然', skills: ['repairs'], availability: ['weekend', 'holiday'] },
];

/** Days before today of the past sessions, oldest first; session k belongs to project k mod 4. */
const SESSION_DAYS = [170, 152, 134, 116, 98, 80, 62, 44, 26, 6];
/** Sessions the demo volunteer accounts served in: recent months, the last one not yet verified. */
const DEMO_ACCOUNT_SESSIONS = new Set([4, 6, 7, 8, 9]);
/** The latest session waits for the organiser. */
const PENDING_SESSION = SESSION_DAYS.length - 1;
const REJECTED = { session: 5, reason: '签到后未参加服务即离开，经现场负责人核实，本次时长不予认定。' };
const EVALUATIONS = [
  { session: 2, seat: 0, rating: 5, comment: '服务耐心细致，陪伴的老人们都很喜欢。' },
  { session: 8, seat: -1, rating: 4, comment: '准时到场，积极配合现场安排，下次可以多带动新志愿者。' },
];

type Seat = { userId: string; demoAccount: boolean };
type NewRecord = typeof serviceRecords.$inferInsert;
type Session = { k: number; project: PastProject; row: typeof activities.$inferInsert; seats: Seat[] };

async function seedDemoVolunteers(tx: Tx, tenant: Pick<Tenant, 'id' | 'slug' | 'divisionCode'>, districts: string[], now: Date): Promise<string[]> {
  const rows = VOLUNTEERS.map((v, i) => ({
    tenantId: tenant.id,
    id: newId(),
    name: v.name,
    passwordHash: null,
    createdAt: new Date(now.getTime() - (200 - i * 3) * DAY_MS),
  }));
  await tx.insert(users).values(rows);
  for (const [i, v] of VOLUNTEERS.entries()) {
    await saveProfile(tx, tenant, rows[i]!.id, {
      realName: v.name,
      mobile: `1368000${String(i + 1).padStart(4, '0')}`,
      skills: v.skills,
      serviceAreas: [districts[i % districts.length]!, districts[(i + 1) % districts.length]!],
      availability: v.availability,
      idDocument: null,
    });
  }
  return rows.map((r) => r.id);
}

/** Who served in session k: three or four demo volunteers in turn, plus the demo accounts in their sessions. */
function seatsOf(k: number, extras: string[], demoAccounts: string[]): Seat[] {
  const size = 3 + (k % 2);
  const seats = Array.from({ length: size }, (_, j) => ({ userId: extras[(k * 3 + j) % extras.length]!, demoAccount: false }));
  if (DEMO_ACCOUNT_SESSIONS.has(k)) seats.push(...demoAccounts.map((userId) => ({ userId, demoAccount: true })));
  return seats;
}

function sessionsOf(tenantId: string, projects: PastProject[], organiserId: string, today: Date, extras: string[], demoAccounts: string[]): Session[] {
  return SESSION_DAYS.map((days, k) => {
    const project = projects[k % projects.length]!;
    const startsAt = new Date(today.getTime() - days * DAY_MS + project.startMinute * 60_000);
    const seats = seatsOf(k, extras, demoAccounts);
    const row = {
      tenantId,
      id: newId(),
      projectId: project.projectId,
      title: project.title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + project.minutes * 60_000),
      place: project.place,
      capacity: 10,
      requiresApproval: project.requiresApproval,
      queueCounter: seats.length,
      createdBy: organiserId,
      createdAt: new Date(startsAt.getTime() - 10 * DAY_MS),
    };
    return { k, project, row, seats };
  });
}

/** A check-in record inside its session: some arrive a few minutes late or leave a few minutes early. */
function recordOf(tenantId: string, s: Session, seat: Seat, j: number, organiserId: string, now: Date): NewRecord {
  const startedAt = new Date(s.row.startsAt.getTime() + (j % 3) * 5 * 60_000);
  const endedAt = new Date(s.row.endsAt.getTime() - (j % 2) * 5 * 60_000);
  const evaluation = EVALUATIONS.find((e) => e.session === s.k && (e.seat === j || (e.seat === -1 && seat.demoAccount)));
  return {
    tenantId,
    id: newId(),
    volunteerUserId: seat.userId,
    organisationId: s.project.organisationId,
    projectId: s.project.projectId,
    activityId: s.row.id,
    source: 'checkin',
    status: 'pending',
    startedAt,
    endedAt,
    minutes: Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000),
    content: s.project.content,
    createdBy: seat.userId,
    createdAt: endedAt,
    ...(evaluation ? { rating: evaluation.rating, evaluation: evaluation.comment, evaluatedBy: organiserId, evaluatedAt: now } : {}),
  };
}

export async function seedPastService(
  tx: Tx,
  tenant: Pick<Tenant, 'id' | 'slug' | 'divisionCode'>,
  input: { organiserId: string; projects: PastProject[]; districts: string[]; demoAccounts: string[]; today: Date },
  events: RecordEvents,
  now: Date,
): Promise<void> {
  const tenantId = tenant.id;
  const { organiserId } = input;
  const extras = await seedDemoVolunteers(tx, tenant, input.districts, now);
  const sessions = sessionsOf(tenantId, input.projects, organiserId, input.today, extras, input.demoAccounts);
  await tx.insert(activities).values(sessions.map((s) => s.row));
  await tx.insert(activitySignups).values(
    sessions.flatMap((s) => {
      const signedUpAt = new Date(s.row.startsAt.getTime() - 3 * DAY_MS);
      const decided = s.row.requiresApproval ? { decidedBy: organiserId, decidedAt: new Date(signedUpAt.getTime() + DAY_MS) } : {};
      return s.seats.map((seat, j) => ({ tenantId, activityId: s.row.id, userId: seat.userId, status: 'confirmed' as const, queueNumber: j + 1, createdAt: signedUpAt, updatedAt: signedUpAt, ...decided }));
    }),
  );
  const records = sessions.flatMap((s) => s.seats.map((seat, j) => ({ session: s.k, record: recordOf(tenantId, s, seat, j, organiserId, now) })));
  await tx.insert(serviceRecords).values(records.map((r) => r.record));

  const decision = { deciderId: organiserId, address: null };
  const rejected = records.find((r) => r.session === REJECTED.session)!.record;
  await rejectRecord(tx, tenantId, rejected.organisationId, rejected.id, REJECTED.reason, decision, now);
  const toVerify = records.filter((r) => r.session !== PENDING_SESSION && r.record.id !== rejected.id).map((r) => r.record);
  // One call per organisation: its postings go to the ledger in one batch.
  for (const organisationId of new Set(toVerify.map((r) => r.organisationId))) {
    const items = toVerify.filter((r) => r.organisationId === organisationId).map((r) => ({ recordId: r.id! }));
    await verifyRecords(tx, tenantId, organisationId, items, decision, events, now);
  }
}
