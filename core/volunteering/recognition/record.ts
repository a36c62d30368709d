import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { activities } from '../activities/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { projects } from '../projects/schema.ts';
import { serviceRecords } from '../records/schema.ts';
import { RECENT } from './service.ts';

/**
 * The service part of a volunteer's record (办法 Art. 4, 服务情况 and 评价): verified
 * records, newest first, with activity, date, content, time and the organiser's evaluation.
 */
export async function verifiedService(tx: Tx, tenantId: string, volunteerUserId: string) {
  return tx
    .select({
      id: serviceRecords.id,
      startedAt: serviceRecords.startedAt,
      minutes: serviceRecords.minutes,
      content: serviceRecords.content,
      rating: serviceRecords.rating,
      evaluation: serviceRecords.evaluation,
      organisation: organisations.name,
      project: projects.name,
      activity: activities.title,
    })
    .from(serviceRecords)
    .innerJoin(organisations, and(eq(organisations.tenantId, serviceRecords.tenantId), eq(organisations.id, serviceRecords.organisationId)))
    .innerJoin(projects, and(eq(projects.tenantId, serviceRecords.tenantId), eq(projects.id, serviceRecords.projectId)))
    .leftJoin(activities, and(eq(activities.tenantId, serviceRecords.tenantId), eq(activities.id, serviceRecords.activityId)))
    .where(and(eq(serviceRecords.tenantId, tenantId), eq(serviceRecords.volunteerUserId, volunteerUserId), eq(serviceRecords.status, 'verified')))
    .orderBy(desc(serviceRecords.startedAt), desc(serviceRecords.id))
    .limit(RECENT);
}
