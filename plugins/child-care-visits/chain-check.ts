import { and, eq, inArray } from 'drizzle-orm';
import { toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { verifyAccessChain } from './access-log.ts';
import { timedVisits, type TimedVisit } from './on-time.ts';
import { accessLog, type RiskLevel } from './schema.ts';
import type { VisitRule } from './visits.ts';

/**
 * The dashboard's on-time figures checked against the access chain: the chain
 * holds each child's registration time and each visit's date (hashed), so the
 * same rule run over the chain alone, with no child's data, must give the same
 * visits on the same days, on time or not. `differs`: the visit records were
 * changed after the fact; `broken`: the chain itself was.
 */
export type ChainVerdict = { state: 'agrees' } | { state: 'differs' } | { state: 'broken'; chain: number; at: number };

type Kid = { id: string; risk: RiskLevel };

export async function checkAgainstChain(w: CityWork, kids: readonly Kid[], rule: VisitRule, since: string, fromRecords: ReadonlyMap<string, TimedVisit[]>): Promise<ChainVerdict> {
  const chain = await verifyAccessChain(w);
  if (!chain.ok) return { state: 'broken', chain: chain.chain, at: chain.brokenAt };
  const entries = await w.tx
    .select({ childId: accessLog.childId, action: accessLog.action, at: accessLog.at, visitedOn: accessLog.visitedOn })
    .from(accessLog)
    .where(and(eq(accessLog.tenantId, w.tenantId), inArray(accessLog.childId, kids.map((k) => k.id)), inArray(accessLog.action, ['registered', 'visit_recorded'])));
  const registeredOn = new Map<string, string>();
  const visitDates = new Map<string, string[]>();
  for (const e of entries) {
    // Selected by child_id, so never a list view's entry (whose child_id is null).
    const childId = e.childId!;
    if (e.action === 'registered') registeredOn.set(childId, toLocalDateInput(e.at));
    // Visits logged before the chain carried their date: the day they were recorded stands in.
    else visitDates.set(childId, [...(visitDates.get(childId) ?? []), e.visitedOn ?? toLocalDateInput(e.at)]);
  }
  const key = (id: string, visits: TimedVisit[]) => visits.filter((v) => v.on >= since).map((v) => `${id}|${v.on}|${v.onTime}`);
  const fromChain = kids.flatMap((k) => {
    const registered = registeredOn.get(k.id);
    return registered ? key(k.id, timedVisits(rule, k.risk, registered, visitDates.get(k.id) ?? []).visits) : [];
  });
  const recorded = kids.flatMap((k) => key(k.id, fromRecords.get(k.id) ?? []));
  return { state: JSON.stringify(fromChain.sort()) === JSON.stringify(recorded.sort()) ? 'agrees' : 'differs' };
}
