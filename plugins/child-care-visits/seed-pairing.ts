import { and, count, eq } from 'drizzle-orm';
import { toLocalDateInput, type CityWork } from '../../core/plugin-api.ts';
import { MAY_SUPERVISE, MAY_VISIT } from './access.ts';
import { applyAsCaringParent, confirmContact, pair, recordContact, vetCaringParent } from './caring-parents.ts';
import { viewerOf } from './children.ts';
import { caringParents, children } from './schema.ts';

const DAY = 86_400_000;

/**
 * The demo caring parent (`caring-parent@<slug>.example`, when the manifest lists
 * one): applied and vetted by the demo supervisor, paired with the director's
 * high-risk child under the supervisor's first organisation (the core's demo
 * organisations are run by the city's first social worker, which the demo
 * supervisor is), one contact confirmed into verified hours and one waiting for
 * the director. Runs once: skipped when the city has a caring parent.
 */
export async function seedPairing(w: CityWork, slug: string): Promise<void> {
  const [{ n }] = (await w.tx.select({ n: count() }).from(caringParents).where(eq(caringParents.tenantId, w.tenantId))) as [{ n: number }];
  if (n > 0) return;
  const parent = await w.people.find(`caring-parent@${slug}.example`);
  const director = await w.people.find(`director@${slug}.example`);
  const supervisor = await w.people.find(`supervisor@${slug}.example`);
  if (!parent || !director || !supervisor) return;
  // Ids are time-ordered: the first is the oldest organisation.
  const [organisation] = (await w.service.organisationsOf(supervisor.id)).sort((a, b) => a.id.localeCompare(b.id));
  const [child] = await w.tx
    .select({ id: children.id })
    .from(children)
    .where(and(eq(children.tenantId, w.tenantId), eq(children.directorId, director.id), eq(children.riskLevel, 'high'), eq(children.status, 'active')))
    .limit(1);
  if (!organisation || !child) return;

  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const boss = await viewerOf(w, supervisor, new Set([MAY_SUPERVISE]));
  const applied = await applyAsCaringParent(w, parent.id, '自己也是留守儿童长大的，想陪伴孩子', ago(40));
  if (!applied.ok) return;
  await vetCaringParent(w, boss, applied.id, { approve: true, checkReference: '融公无犯罪证明 2026-0815' }, ago(35));
  const paired = await pair(w, boss, { childId: child.id, caringParentId: applied.id, organisationId: organisation.id, alias: '星星' }, ago(28));
  if (!paired.ok) return;
  const visitor = await viewerOf(w, director, new Set([MAY_VISIT]));
  const first = await recordContact(w, parent.id, paired.id, { contactedOn: toLocalDateInput(ago(21)), minutes: 120, mode: 'home', note: '一起读绘本，检查了寒假作业' }, ago(21));
  if (first.ok) await confirmContact(w, visitor, first.id, ago(20));
  await recordContact(w, parent.id, paired.id, { contactedOn: toLocalDateInput(ago(3)), minutes: 30, mode: 'video', note: '视频聊天，孩子说想学画画' }, ago(3));
}
