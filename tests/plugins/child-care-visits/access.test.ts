import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { accessesOf, LIST_CHAINS, verifyAccessChain } from '../../../plugins/child-care-visits/access-log.ts';
import { accessLog } from '../../../plugins/child-care-visits/schema.ts';
import type { PluginKit } from '../../support/plugin-kit/index.ts';
import { child, DIRECTOR, districtsOf, enableIn, inCity, inPlugin, mainOf, member, P, startChildCarePlatform, supervisor } from './fixtures.ts';

let p: PluginKit;
let boss: Awaited<ReturnType<typeof supervisor>>;
let director: Awaited<ReturnType<typeof member>>;
let childId: string;
beforeAll(async () => {
  p = await startChildCarePlatform();
  boss = await supervisor(p, 'alpha');
  director = await member(p, 'alpha', '覃主任', [DIRECTOR]);
  childId = await child(p, 'alpha', boss.id, director.id);
});
afterAll(() => p.close());

// In the order they were written: numbers count within each of the city's chains.
const everyEntry = () => inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(eq(accessLog.tenantId, t)).orderBy(accessLog.at, accessLog.chain, accessLog.seq));
const entriesOf = (id: string) => inCity(p, 'alpha', (tx, t) => tx.select().from(accessLog).where(and(eq(accessLog.tenantId, t), eq(accessLog.childId, id))).orderBy(accessLog.seq));

describe('need-to-know on a child’s record', () => {
  it('shows the assigned director the record with the guardian’s phone and address in full', async () => {
    const page = await mainOf(await director.client.get(`${P}/children/${childId}`));
    expect(page).toContain('韦小明');
    expect(page).toContain('13907725678');
    expect(page).toContain('良寨村三组12号');
  });

  it('shows the district’s supervisor the record with contact details and address masked', async () => {
    const page = await mainOf(await boss.client.get(`${P}/children/${childId}`));
    expect(page).toContain('韦小明');
    expect(page).not.toContain('13907725678');
    expect(page).not.toContain('良寨村三组12号');
    expect(page).toContain('1******8');
  });

  it('answers 404, not 403, to another director, a supervisor of another district, a resident and the city admin, and logs nothing for them', async () => {
    const [, otherDistrict] = await districtsOf(p, 'alpha');
    const people = [
      await member(p, 'alpha', '别的主任', [DIRECTOR]),
      await supervisor(p, 'alpha', otherDistrict),
      await member(p, 'alpha', '居民'),
      await member(p, 'alpha', '市管理员', ['city_admin']),
    ];
    const before = (await entriesOf(childId)).length;
    for (const person of people) {
      expect((await person.client.get(`${P}/children/${childId}`)).status, person.name).toBe(404);
      expect(await mainOf(await person.client.get(`${P}/`)), person.name).not.toContain('韦小明');
    }
    expect((await people[0]!.client.post(`${P}/children/${childId}/visits`, { visited_on: '2026-11-01', mode: 'home', findings: '良好' })).status).toBe(404);
    expect((await entriesOf(childId)).length).toBe(before);
  });

  it('answers 404 in a city that enabled the plugin too, for alpha’s child', async () => {
    await enableIn(p, 'beta');
    const betaBoss = await supervisor(p, 'beta');
    expect((await betaBoss.client.get(`${P}/children/${childId}`)).status).toBe(404);
    expect((await betaBoss.client.get(`${P}/children/${childId}/access`)).status).toBe(404);
  });
});

describe('the chained access log', () => {
  it('leaves an entry naming who read the record', async () => {
    const before = await entriesOf(childId);
    await director.client.get(`${P}/children/${childId}`);
    const after = await entriesOf(childId);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actorId: director.id, action: 'read' });
  });

  it('lets the supervisor list who accessed the child and when, the chain intact', async () => {
    const page = await mainOf(await boss.client.get(`${P}/children/${childId}/access`));
    expect(page).toContain('覃主任');
    expect(page).toContain('查看档案');
    expect(page).toContain('访问记录链完整');
    expect((await director.client.get(`${P}/children/${childId}/access`)).status).toBe(403);
  });

  it('logs one entry naming every child the due list shows, found in each child’s access history, and the chain still verifies', async () => {
    const second = await child(p, 'alpha', boss.id, director.id, { name: '韦小红' });
    const before = (await everyEntry()).length;
    const page = await mainOf(await director.client.get(`${P}/`));
    expect(page).toContain('韦小明');
    expect(page).toContain('韦小红');
    const added = (await everyEntry()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ childId: null, action: 'listed', actorId: director.id });
    expect(added[0]!.chain).toBeGreaterThanOrEqual(1);
    expect(added[0]!.chain).toBeLessThanOrEqual(LIST_CHAINS);
    expect([...added[0]!.childIds!].sort()).toEqual([childId, second].sort());
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: true, entries: before + 1 });
    for (const id of [childId, second]) {
      const history = await inPlugin(p, 'alpha', (w) => accessesOf(w, id));
      expect(history.some((e) => e.chain === added[0]!.chain && e.seq === added[0]!.seq)).toBe(true);
      expect(await mainOf(await boss.client.get(`${P}/children/${id}/access`))).toContain('出现在清单中');
    }
  });

  it('breaks the chain check where a child was taken out of a list view’s entry', async () => {
    const listed = (await everyEntry()).filter((e) => e.childIds !== null).at(-1)!;
    const fewer = `{${listed.childIds!.slice(1).join(',')}}`;
    await inCity(p, 'alpha', (tx, t) => tx.execute(sql`update ${accessLog} set child_ids = ${fewer}::uuid[] where tenant_id = ${t} and chain = ${listed.chain} and seq = ${listed.seq}`));
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: false, chain: listed.chain, brokenAt: listed.seq });
    await inCity(p, 'alpha', (tx, t) => tx.update(accessLog).set({ childIds: listed.childIds }).where(and(eq(accessLog.tenantId, t), eq(accessLog.chain, listed.chain), eq(accessLog.seq, listed.seq))));
    expect((await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).ok).toBe(true);
  });

  it('puts list views at once into several chains, each numbered from its start; one moved to another chain or taken out breaks the check', async () => {
    const before = (await everyEntry()).length;
    const views = await Promise.all(Array.from({ length: 16 }, () => director.client.get(`${P}/`)));
    expect(views.map((r) => r.status)).toEqual(views.map(() => 200));
    const lists = (await everyEntry()).filter((e) => e.action === 'listed');
    expect((await everyEntry()).length).toBe(before + 16);
    const chains = new Map<number, typeof lists>();
    for (const e of lists) chains.set(e.chain, [...(chains.get(e.chain) ?? []), e]);
    // `at` is when a view began, before it took its chain's lock: within a chain, the order is the numbers'.
    for (const entries of chains.values()) entries.sort((a, b) => a.seq - b.seq);
    expect(chains.size).toBeGreaterThan(1);
    for (const [, entries] of chains) expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: true, entries: before + 16 });

    // Moved to the end of another chain, links and all: its hash covers the chain it was written in.
    const [from, to] = [...chains.keys()].sort((a, b) => chains.get(b)!.length - chains.get(a)!.length);
    const last = chains.get(from!)!.at(-1)!;
    const end = chains.get(to!)!.at(-1)!;
    const move = (chain: number, seq: number, prevHash: string) => inCity(p, 'alpha', (tx, t) => tx.update(accessLog).set({ chain, seq, prevHash }).where(and(eq(accessLog.tenantId, t), eq(accessLog.hash, last.hash))));
    await move(to!, end.seq + 1, end.hash);
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: false, chain: to, brokenAt: end.seq + 1 });
    await move(from!, last.seq, last.prevHash);
    expect((await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).ok).toBe(true);

    // Taken out of the middle of its chain (into a chain of its own: the app's role may not delete entries).
    const middle = chains.get(from!)!.at(-2)!;
    const setChain = (chain: number) => inCity(p, 'alpha', (tx, t) => tx.update(accessLog).set({ chain }).where(and(eq(accessLog.tenantId, t), eq(accessLog.hash, middle.hash))));
    await setChain(99);
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: false, chain: from, brokenAt: middle.seq + 1 });
    await setChain(from!);
    expect((await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).ok).toBe(true);
  });

  it('has the database append a list entry only to a list chain of the transaction’s own city', async () => {
    const before = (await everyEntry()).length;
    const append = (tenant: string | null, chain: number) =>
      inCity(p, 'alpha', (tx, t) => tx.execute(sql`select child_care_visits_log_list(${tenant ?? t}::uuid, ${chain}::smallint, ${director.id}::uuid, ${`{${childId}}`}::uuid[], 'listed', now())`));
    // The driver wraps the server's error: its message is the cause's.
    const refusal = (appending: Promise<unknown>) => appending.then(() => 'appended', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(append(crypto.randomUUID(), 1))).toMatch(/not the city of this transaction/);
    expect(await refusal(append(null, 0))).toMatch(/not a list chain/);
    expect((await everyEntry()).length).toBe(before);
    await append(null, 1);
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: true, entries: before + 1 });
  });

  it('lists the children of the supervisor’s districts for the supervisor', async () => {
    expect(await mainOf(await boss.client.get(`${P}/`))).toContain('韦小明');
  });

  it('breaks the chain check where an entry was edited', async () => {
    const [first] = await entriesOf(childId);
    await inCity(p, 'alpha', (tx, t) => tx.update(accessLog).set({ actorId: boss.id, action: 'registered', at: new Date(first!.at.getTime() + 3_600_000) }).where(and(eq(accessLog.tenantId, t), eq(accessLog.chain, 0), eq(accessLog.seq, first!.seq))));
    expect(await inPlugin(p, 'alpha', (w) => verifyAccessChain(w))).toEqual({ ok: false, chain: 0, brokenAt: first!.seq });
    const page = await mainOf(await boss.client.get(`${P}/children/${childId}/access`));
    expect(page).toContain(`访问记录链在第 ${first!.seq} 条处断裂`);
  });
});

describe('escalation with a referral', () => {
  it('lets the director raise a referral the supervisor then sees on the record, logged in the chain', async () => {
    const res = await director.client.post(`${P}/children/${childId}/referrals`, { kind: 'psychological', reason: '情绪低落，需要心理疏导' });
    expect(res.status).toBe(303);
    const page = await mainOf(await boss.client.get(`${P}/children/${childId}`));
    expect(page).toContain('心理支持');
    expect(page).toContain('情绪低落，需要心理疏导');
    expect((await entriesOf(childId)).some((e) => e.action === 'referral_raised' && e.actorId === director.id)).toBe(true);
  });

  it('refuses a referral with no reason or an unknown kind beside the fields, and answers 404 to someone else', async () => {
    const bad = await director.client.post(`${P}/children/${childId}/referrals`, { kind: 'army', reason: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="f-kind-error"');
    expect(html).toContain('id="f-reason-error"');
    const stranger = await member(p, 'alpha', '路人');
    expect((await stranger.client.post(`${P}/children/${childId}/referrals`, { kind: 'police', reason: '路人上报' })).status).toBe(404);
    expect(await mainOf(await boss.client.get(`${P}/children/${childId}`))).not.toContain('路人上报');
  });
});
