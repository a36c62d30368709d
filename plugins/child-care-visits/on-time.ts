import type { RiskLevel } from './schema.ts';
import { dueOn, type VisitRule } from './visits.ts';

export type TimedVisit = { on: string; onTime: boolean };

/**
 * A child's visits (dates, any order) each with whether it was on time: made by
 * the date the rule set from the visit before it, or from registration. `last`
 * is the latest visit, from which the next one falls due.
 */
export function timedVisits(rule: VisitRule, risk: RiskLevel, registeredOn: string, dates: readonly string[]): { visits: TimedVisit[]; last: string | null } {
  const visits: TimedVisit[] = [];
  let previous: string | null = null;
  for (const on of [...dates].sort()) {
    visits.push({ on, onTime: on <= dueOn(rule, risk, registeredOn, previous) });
    previous = on;
  }
  return { visits, last: previous };
}
