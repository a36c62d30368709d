import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { assignSupervisorDistrict } from '../../../plugins/child-care-visits/children.ts';
import { eraseExpired } from '../../../plugins/child-care-visits/retention.ts';
import { accessLog, caringParents, contacts, pairings } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, fieldError, inCity, inPlugin, mainOf, member, P, startChildCarePlatform, SUPERVISOR } from './fixtures.ts';

let p: PluginKit;
let boss: Awaited<ReturnType<PluginKit['organiser']>>;
let director: Awaited<ReturnType<typeof member>>;
let parent: Awaited<ReturnType<typeof member>>;
let childId: string;
beforeAll(async () => {
  p = await startChildCarePlatform();
  // The supervisor belongs to an approved organisation: the caring parent's hours are recorded under it.
  boss = await p.organiser('alpha');
  await p.grantRole('alpha', boss.id, SUPERVISOR);
  const [district] = await districtsOf(p, 'alpha');
  await inPlugin(p, 'alpha', (w) => assignSupervisorDistrict(w, boss.id, boss.id, district!));
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  parent = await member(p, 'alpha', '黄爱心');
  childId = await child(p, 'alpha', boss.id, director.id);
});
afterAll(() => p.close());

const SECRETS = ['韦小明', '良寨', '韦奶奶', '13907725678', '父母在外务工'];
const applicationOf = async (userId: string) => (await inCity(p, 'alpha', (tx, city) => tx.select().from(caringParents).where(and(eq(caringParents.tenantId, city), eq(caringParents.userId, userId)))))[0];
const pairingOf = async () => (await inCity(p, 'alpha', (tx, city) => tx.select().from(pairings).where(and(eq(pairings.tenantId, city), eq(pairings.childId, childId)))))[0]!;
const logOf = () => inCity(p, 'alpha', (tx, city) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, city), eq(accessLog.childId, childId))).orderBy(accessLog.seq));
const contactsOf = (pairingId: string) => inCity(p, 'alpha', (tx, city) => tx.select().from(contacts).where(and(eq(contacts.tenantId, city), eq(contacts.pairingId, pairingId))));
const minutesOf = (userId: string) => p.ledger.balance('alpha', `volunteer:${userId}`, 'SERVICE_MINUTE');

describe('caring parents (爱心家长)', () => {
  it('takes an application only with the declaration of no criminal record, the error beside it and the text kept', async () => {
    const res = await parent.client.post(`${P}/caring/apply`, { motivation: '想陪伴孩子成长' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, 'no_record')).toContain('无违法犯罪记录');
    expect(html).toContain('想陪伴孩子成长');
    expect(await applicationOf(parent.id)).toBeUndefined();
    expect((await parent.client.post(`${P}/caring/apply`, { motivation: '想陪伴孩子成长', no_record: 'yes' })).status).toBe(303);
    expect(await applicationOf(parent.id)).toMatchObject({ status: 'applied', declaredNoRecord: true });
    expect(await mainOf(await parent.client.get(`${P}/caring`))).toContain('等待审核');
  });

  it('is vetted by a supervisor, who records the check they made; nobody else may', async () => {
    const id = (await applicationOf(parent.id))!.id;
    expect((await director.client.post(`${P}/applicants/${id}/vet`, { decision: 'approve', check_reference: 'NCR-2026-001' })).status).toBe(403);
    const bad = await boss.client.post(`${P}/applicants/${id}/vet`, { decision: 'approve', check_reference: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'check_reference')).toBeTruthy();
    expect((await boss.client.post(`${P}/applicants/${id}/vet`, { decision: 'approve', check_reference: 'NCR-2026-001' })).status).toBe(303);
    expect(await applicationOf(parent.id)).toMatchObject({ status: 'approved', checkedBy: boss.id, checkReference: 'NCR-2026-001' });
    expect((await p.auditEntries('alpha', 'child-care-visits.caring_parent_approved')).length).toBe(1);
  });

  it('is paired by the supervisor under their approved organisation; an alias naming the child is refused beside the field', async () => {
    const id = (await applicationOf(parent.id))!.id;
    expect((await director.client.get(`${P}/children/${childId}/pairing`)).status).toBe(403);
    const form = await mainOf(await boss.client.get(`${P}/children/${childId}/pairing`));
    expect(form).toContain('黄爱心');
    const named = await boss.client.post(`${P}/children/${childId}/pairing`, { caring_parent: id, organisation: boss.orgId, alias: '小明' });
    expect(named.status).toBe(400);
    expect(fieldError(await named.text(), 'alias')).toContain('不得包含');
    const elsewhere = await p.organiser('alpha');
    const wrongOrg = await boss.client.post(`${P}/children/${childId}/pairing`, { caring_parent: id, organisation: elsewhere.orgId, alias: '星星' });
    expect(fieldError(await wrongOrg.text(), 'organisation')).toBeTruthy();
    expect((await boss.client.post(`${P}/children/${childId}/pairing`, { caring_parent: id, organisation: boss.orgId, alias: '星星' })).status).toBe(303);
    expect(await pairingOf()).toMatchObject({ caringParentId: id, organisationId: boss.orgId, alias: '星星', endedOn: null });
    expect((await logOf()).at(-1)).toMatchObject({ actorId: boss.id, action: 'paired' });
  });

  it('shows the caring parent the alias, township and next contact due only, logged; the child’s record stays closed to them and to others', async () => {
    const before = (await logOf()).length;
    const page = await mainOf(await parent.client.get(`${P}/caring`));
    expect(page).toContain('星星');
    expect(page).toMatch(/id="next-contact">\d{4}-\d{2}-\d{2}/);
    for (const secret of SECRETS) expect(page).not.toContain(secret);
    const log = await logOf();
    expect(log.length).toBe(before + 1);
    expect(log.at(-1)).toMatchObject({ actorId: parent.id, action: 'pairing_read' });
    expect((await parent.client.get(`${P}/children/${childId}`)).status).toBe(404);

    const other = await member(p, 'alpha', '别的志愿者');
    const theirs = await mainOf(await other.client.get(`${P}/caring`));
    expect(theirs).not.toContain('星星');
    const pairing = await pairingOf();
    expect((await other.client.post(`${P}/pairings/${pairing.id}/contacts`, { contacted_on: '2026-11-20', minutes: '60', mode: 'phone', note: '聊天' })).status).toBe(404);
    expect((await other.client.post(`${P}/pairings/${pairing.id}/contacts`, { contacted_on: '', minutes: 'x', mode: '', note: '' })).status).toBe(404);
  });

  it('takes a contact with a short note; a note naming the child, a future date or bad minutes is refused and nothing stored', async () => {
    const pairing = await pairingOf();
    for (const [field, body] of [
      ['note', { contacted_on: '2026-11-20', minutes: '60', mode: 'phone', note: '和韦小明聊了学习' }],
      ['contacted_on', { contacted_on: '2099-01-01', minutes: '60', mode: 'phone', note: '聊了学习' }],
      ['minutes', { contacted_on: '2026-11-20', minutes: '2000', mode: 'phone', note: '聊了学习' }],
    ] as const) {
      const res = await parent.client.post(`${P}/pairings/${pairing.id}/contacts`, body);
      expect(res.status, field).toBe(400);
      expect(fieldError(await res.text(), field), field).toBeTruthy();
    }
    expect(await contactsOf(pairing.id)).toEqual([]);
    expect((await parent.client.post(`${P}/pairings/${pairing.id}/contacts`, { contacted_on: '2026-11-20', minutes: '90', mode: 'home', note: '一起读书，聊了学习' })).status).toBe(303);
    expect((await logOf()).at(-1)).toMatchObject({ actorId: parent.id, action: 'contact_recorded' });
  });

  it('becomes verified service hours on the ledger once, when the child’s director confirms it', async () => {
    const [contact] = await contactsOf((await pairingOf()).id);
    expect(await minutesOf(parent.id)).toBe(0);
    expect((await parent.client.post(`${P}/contacts/${contact!.id}/confirm`)).status).toBe(403);
    const otherDirector = await member(p, 'alpha', '别的主任', [DIRECTOR]);
    expect((await otherDirector.client.post(`${P}/contacts/${contact!.id}/confirm`)).status).toBe(404);
    const waiting = await mainOf(await director.client.get(`${P}/caring`));
    expect(waiting).toContain('黄爱心');
    expect(waiting).toContain('一起读书');
    expect((await director.client.post(`${P}/contacts/${contact!.id}/confirm`)).status).toBe(303);
    expect((await director.client.post(`${P}/contacts/${contact!.id}/confirm`)).status).toBe(303);
    expect(await minutesOf(parent.id)).toBe(90);
    expect((await p.ledger.verify('alpha')).ok).toBe(true);
    expect((await contactsOf((await pairingOf()).id))[0]).toMatchObject({ confirmedBy: director.id });
    expect((await logOf()).filter((e) => e.action === 'contact_confirmed')).toHaveLength(1);
    expect(await mainOf(await director.client.get(`${P}/caring`))).not.toContain('一起读书');
  });

  it('ends when the case is closed: the caring parent no longer sees the child nor records contacts', async () => {
    const pairing = await pairingOf();
    expect((await boss.client.post(`${P}/children/${childId}/close`, { reason: 'family_restored' })).status).toBe(303);
    expect((await pairingOf()).endedOn).not.toBeNull();
    expect((await logOf()).at(-1)).toMatchObject({ action: 'pairing_ended' });
    const page = await mainOf(await parent.client.get(`${P}/caring`));
    expect(page).not.toContain('星星');
    expect(page).toContain('尚未结对');
    expect((await parent.client.post(`${P}/pairings/${pairing.id}/contacts`, { contacted_on: '2026-11-21', minutes: '30', mode: 'phone', note: '聊天' })).status).toBe(404);
  });

  it('keeps no alias or note once the closed case is erased after the retention period; the hours stay on the ledger', async () => {
    const pairing = await pairingOf();
    expect(await inPlugin(p, 'alpha', (w) => eraseExpired(w, 1, new Date('2099-01-01T00:00:00Z')))).toBe(1);
    expect((await pairingOf()).alias).toBe('');
    expect((await contactsOf(pairing.id)).map((x) => x.note)).toEqual(['']);
    expect(await minutesOf(parent.id)).toBe(90);
  });
});
