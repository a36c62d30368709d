import { and, desc, eq } from 'drizzle-orm';
import { type CityWork, newId } from '../../core/plugin-api.ts';
import type { Category } from './consultations.ts';
import { legalAidLessons } from './schema.ts';

export type Lesson = typeof legalAidLessons.$inferSelect;
export type LessonInput = { kind: 'article' | 'session'; category: Category; title: string; body: string; startsAt: Date | null; place: string | null };

export async function publishLesson(w: CityWork, by: string, input: LessonInput): Promise<string> {
  const { tx, tenantId } = w;
  const id = newId();
  await tx.insert(legalAidLessons).values({ tenantId, id, ...input, createdBy: by });
  await w.audit({ actor: `user:${by}`, action: 'legal-aid-card.lesson_published', target: `legal-aid-card:lesson:${id}`, detail: { kind: input.kind, title: input.title } });
  return id;
}

/** Articles and sessions, newest first, of one category or all. */
export async function listLessons(w: CityWork, category: string | null): Promise<Lesson[]> {
  const { tx, tenantId } = w;
  return tx
    .select()
    .from(legalAidLessons)
    .where(and(eq(legalAidLessons.tenantId, tenantId), category ? eq(legalAidLessons.category, category) : undefined))
    .orderBy(desc(legalAidLessons.createdAt), desc(legalAidLessons.id));
}

export async function findLesson(w: CityWork, id: string): Promise<Lesson | null> {
  const { tx, tenantId } = w;
  const [row] = await tx.select().from(legalAidLessons).where(and(eq(legalAidLessons.tenantId, tenantId), eq(legalAidLessons.id, id)));
  return row ?? null;
}

/** The headcount of a session, recorded (or corrected) by a coordinator; null when the lesson is not a session. */
export async function recordAttendance(w: CityWork, id: string, by: string, attendance: number): Promise<Lesson | null> {
  const { tx, tenantId } = w;
  const [row] = await tx
    .update(legalAidLessons)
    .set({ attendance })
    .where(and(eq(legalAidLessons.tenantId, tenantId), eq(legalAidLessons.id, id), eq(legalAidLessons.kind, 'session')))
    .returning();
  if (row) await w.audit({ actor: `user:${by}`, action: 'legal-aid-card.attendance_recorded', target: `legal-aid-card:lesson:${id}`, detail: { attendance } });
  return row ?? null;
}
