import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { childCareVisitsPlugin } from '../../../plugins/child-care-visits/index.ts';
import { children, contacts, pairings } from '../../../plugins/child-care-visits/schema.ts';
import rongshui from '../../../tenants/rongshui.ts';
import { startPluginKit, type PluginKit } from '../../support/plugin-kit/index.ts';
import { inCity, mainOf, P } from './fixtures.ts';

/** The Guangxi demo county as `npm start` makes it, from its own manifest. */
let p: PluginKit;
// Seeding the county's six months of past service takes a while on a busy machine.
beforeAll(async () => {
  p = await startPluginKit(childCareVisitsPlugin, { enabledIn: [], moreCities: [rongshui] });
}, 300_000);
afterAll(() => p.close());

const demo = (who: string) => p.signedIn('rongshui', `${who}@rongshui.example`);
const currentPairing = async () => (await inCity(p, 'rongshui', (tx, t) => tx.select().from(pairings).where(and(eq(pairings.tenantId, t), isNull(pairings.endedOn)))))[0]!;
const childOf = async (id: string) => (await inCity(p, 'rongshui', (tx, t) => tx.select().from(children).where(and(eq(children.tenantId, t), eq(children.id, id)))))[0]!;
const contactsOf = (pairingId: string) => inCity(p, 'rongshui', (tx, t) => tx.select().from(contacts).where(and(eq(contacts.tenantId, t), eq(contacts.pairingId, pairingId))).orderBy(contacts.contactedOn));
const CHILD_DATA = ['贾小明', '演示村', '演示监护人', '13800000000', '演示路', '演示小学', '父母均在外务工'];

describe('the Rongshui demo: a caring parent paired with a child', () => {
  it('pairs the caring parent with the high-risk child under an organisation the supervisor belongs to', async () => {
    const pairing = await currentPairing();
    expect(await childOf(pairing.childId)).toMatchObject({ riskLevel: 'high', status: 'active' });
    const supervisor = await p.userIdOf('rongshui', 'supervisor@rongshui.example');
    const supervisorsOrganisations = await p.work('rongshui', (w) => w.service.organisationsOf(supervisor));
    expect(supervisorsOrganisations.map((o) => o.id)).toContain(pairing.organisationId);
    const page = await mainOf(await (await demo('supervisor')).client.get(`${P}/children/${pairing.childId}/pairing`));
    expect(page).toContain(pairing.alias);
  });

  it('shows the caring parent only the alias, the township and the next contact due, never the child’s record', async () => {
    const parent = await demo('caring-parent');
    const pairing = await currentPairing();
    const page = await mainOf(await parent.client.get(`${P}/caring`));
    expect(page).toContain(pairing.alias);
    expect(page).toContain((await childOf(pairing.childId)).district);
    expect(page).toMatch(/id="next-contact">\d{4}-\d{2}-\d{2}/);
    for (const secret of CHILD_DATA) expect(page).not.toContain(secret);
    expect((await parent.client.get(`${P}/children/${pairing.childId}`)).status).toBe(404);
  });

  it('has a contact already in the caring parent’s verified hours, and one the director confirms from their page', async () => {
    const parent = await demo('caring-parent');
    const before = await p.ledger.balance('rongshui', `volunteer:${parent.id}`, 'SERVICE_MINUTE');
    expect(await mainOf(await parent.client.get('/volunteer/hours'))).toContain('爱心家长结对关爱');
    const [confirmed, waiting] = await contactsOf((await currentPairing()).id);
    expect(confirmed!.confirmedAt).not.toBeNull();
    expect(waiting!.confirmedAt).toBeNull();
    const director = await demo('director');
    expect(await mainOf(await director.client.get(`${P}/caring`))).toContain(waiting!.note);
    expect((await director.client.post(`${P}/contacts/${waiting!.id}/confirm`)).status).toBe(303);
    expect(await p.ledger.balance('rongshui', `volunteer:${parent.id}`, 'SERVICE_MINUTE')).toBe(before + waiting!.minutes);
    expect((await p.ledger.verify('rongshui')).ok).toBe(true);
  });
});
