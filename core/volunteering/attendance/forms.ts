import { z } from 'zod';
import type { AttendanceErrorKey } from './messages.ts';
import type { ErrorKey } from '../shared/messages.ts';
import { DAY_MS, parseLocalDate, parseLocalDateTime } from '../shared/time.ts';

/** Forms that record attendance and claim hours; their issues name keys of errorMessages or attendanceErrors. */
const key = (k: ErrorKey | AttendanceErrorKey) => k;

const text = (max: number) => z.string().trim().min(1, key('required')).max(max, key('tooLong'));
const dateTime = z.string().transform((v, ctx) => parseLocalDateTime(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateTimeInvalid') }), z.NEVER));
const date = z.string().transform((v, ctx) => parseLocalDate(v) ?? (ctx.addIssue({ code: 'custom', message: key('dateInvalid') }), z.NEVER));
const time = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, key('timeInvalid'));

/** What a period of service must respect: no future, no more than a day, not before the project began. */
export type PeriodLimits = { now: Date; earliest: Date };

type Issue = { field: string; message: string };
function periodIssue(startedAt: Date, endedAt: Date, limits: PeriodLimits, fields: { start: string; end: string }): Issue | null {
  if (endedAt <= startedAt) return { field: fields.end, message: key('endAfterStart') };
  if (endedAt > limits.now) return { field: fields.end, message: key('inTheFuture') };
  if (endedAt.getTime() - startedAt.getTime() > DAY_MS) return { field: fields.end, message: key('longerThanDay') };
  if (startedAt < limits.earliest) return { field: fields.start, message: key('beforeProjectStart') };
  return null;
}

/** Start and end typed as datetime-local: the organiser's 补录 and the claim for an activity. */
export const periodForm = (limits: PeriodLimits) =>
  z
    .object({ started_at: dateTime, ended_at: dateTime })
    .superRefine((f, ctx) => {
      const issue = periodIssue(f.started_at, f.ended_at, limits, { start: 'started_at', end: 'ended_at' });
      if (issue) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    })
    .transform((f) => ({ startedAt: f.started_at, endedAt: f.ended_at }));

export const activityClaimForm = (limits: PeriodLimits) =>
  z
    .object({ started_at: dateTime, ended_at: dateTime, content: text(1000) })
    .superRefine((f, ctx) => {
      const issue = periodIssue(f.started_at, f.ended_at, limits, { start: 'started_at', end: 'ended_at' });
      if (issue) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    })
    .transform((f) => ({ startedAt: f.started_at, endedAt: f.ended_at, content: f.content }));

/** A day and two times of that day (service across midnight is two claims). */
export const projectClaimForm = (limits: PeriodLimits) =>
  z
    .object({ day: date, start_time: time, end_time: time, content: text(1000) })
    .transform((f) => {
      const day = new Date(f.day.getTime());
      const at = (hhmm: string) => new Date(day.getTime() + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000);
      return { startedAt: at(f.start_time), endedAt: at(f.end_time), content: f.content };
    })
    .superRefine((f, ctx) => {
      const issue = periodIssue(f.startedAt, f.endedAt, limits, { start: 'day', end: 'end_time' });
      if (issue) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    });

export const moveForm = z.object({ move: z.enum(['in', 'out']) });
export const scanForm = z.object({ code: z.string().trim().min(1).max(64), move: z.enum(['in', 'out']) });
